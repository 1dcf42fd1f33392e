import { largestDecimal, storedColumns } from '@finops/contracts';
import { spend } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { createOrg, type TestOrg } from '../support/factories';
import { counterOf, createPolicy, guardCheck } from '../support/guard';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

// The guard's arithmetic at the full precision of its columns: caps and reservations numeric(30,12), trace costs
// numeric(24,12), counters numeric(38,12). Expected values are written out digit by digit.
const clock = new TestClock(new Date('2026-05-15T12:00:00Z'));
const LARGEST_CAP = largestDecimal(storedColumns.capLimitUsd);
const LARGEST_TRACE_COST = largestDecimal(storedColumns.traceCostUsd);
const LARGEST_COUNTER = largestDecimal(storedColumns.spendTotalUsd);
let gateway: TestGateway;
let org: TestOrg;

beforeAll(() => {
  gateway = createTestGateway({}, { now: clock.now });
});
beforeEach(async () => {
  org = await createOrg(gateway.app);
});
afterAll(() => gateway.close());

const check = (body: object) => guardCheck(gateway.app, org, body);

describe('guard arithmetic at the columns’ full precision', () => {
  test('when a trillionth is reserved against a 21-digit cap, then what is left keeps every digit', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: '123456789.123456789012' });

    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.000000000001' })).toMatchObject({ decision: 'allow', remainingUsd: '123456789.123456789011' });
    expect(await check({ agentId: 'a1', estimatedCostUsd: '123456789.123456789011' })).toMatchObject({ decision: 'allow', remainingUsd: '0' });
    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.000000000001' })).toMatchObject({ decision: 'deny', remainingUsd: '0' });
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ reserved_usd: '123456789.123456789012' });
  });

  test('when the cap is the largest numeric(30,12) holds, then an estimate one trillionth short of it leaves exactly one trillionth', async () => {
    expect(LARGEST_CAP).toBe('999999999999999999.999999999999');
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: LARGEST_CAP });

    expect(await check({ agentId: 'a1', estimatedCostUsd: '999999999999999999.999999999998' })).toMatchObject({ decision: 'allow', remainingUsd: '0.000000000001' });
    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.000000000002' })).toMatchObject({ decision: 'deny', remainingUsd: '0.000000000001' });
    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.000000000001' })).toMatchObject({ decision: 'allow', remainingUsd: '0' });
  });

  test('when the largest trace cost is spent under the largest cap, then the 30-digit remainder is exact', async () => {
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: LARGEST_CAP });
    await spend(gateway.app, org, LARGEST_TRACE_COST, clock.now().toISOString());

    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.000000000001' })).toMatchObject({
      decision: 'allow',
      remainingUsd: '999998999999999999.999999999999',
      policy: { spentUsd: '999999999999.999999999999', reservedUsd: '0.000000000001' },
    });
  });

  test('when a counter holds the largest numeric(38,12) sum, then the check reads it exactly and denies', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: LARGEST_CAP });
    await check({ agentId: 'a1' });
    // No traffic the gateway accepts reaches 10^26 USD in a test's lifetime, so the counter is set where it is stored.
    await gateway.ownerPool.query('UPDATE guard_counters SET spent_usd = $3 WHERE org_id = $1 AND policy_id = $2', [org.orgId, policy.id, LARGEST_COUNTER]);

    expect(LARGEST_COUNTER).toBe('99999999999999999999999999.999999999999');
    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.000000000001' })).toMatchObject({
      decision: 'deny',
      remainingUsd: '0',
      policy: { spentUsd: LARGEST_COUNTER, reservedUsd: '0' },
    });
  });
});
