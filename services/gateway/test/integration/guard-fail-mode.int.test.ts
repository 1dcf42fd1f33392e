import { GuardCheckResultSchema, type GuardCheckResult, type GuardPolicy } from '@finops/contracts';
import request from 'supertest';
import { createOrg, type TestOrg } from '../support/factories';
import { createPolicy, reservationsOf } from '../support/guard';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestGateway, testDatabaseUrl, type TestGateway } from '../support/test-gateway';

// The gateway reaches PostgreSQL through a TCP hop the tests break: black-holed (the database stops answering) or
// refused (the database is down). API keys and prices stay cached meanwhile, as they would in production.
let proxy: TcpProxy;
let gateway: TestGateway;
let org: TestOrg;
let orgOpen: GuardPolicy;
let agentClosed: GuardPolicy;

beforeAll(async () => {
  const started = await TcpProxy.start(testDatabaseUrl());
  proxy = started.proxy;
  gateway = createTestGateway({ apiKeyCacheTtlMs: 600_000, priceCacheTtlMs: 600_000, guard: { checkTimeoutMs: 250 } }, { databaseUrl: started.url });
});
beforeEach(async () => {
  await proxy.restore();
  org = await createOrg(gateway.app);
  orgOpen = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 100, failMode: 'open' });
  agentClosed = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'careful', limitUsd: 1, periodType: 'daily' });
  // A check while the database answers: the gateway now knows the org's policies and their fail modes.
  expect((await check(org, { agentId: 'warm-up', estimatedCostUsd: 0.01 })).decision).toBe('allow');
});
afterAll(async () => {
  await proxy.restore();
  await gateway.close();
  await proxy.stop();
});

async function check(who: TestOrg, body: object): Promise<GuardCheckResult> {
  const response = await request(gateway.app).post('/api/v1/guard/check').set(who.auth).send(body).expect(200);
  return GuardCheckResultSchema.parse(response.body);
}

describe.each([
  ['stops answering (black hole)', () => proxy.blackhole()],
  ['is down (connections refused)', () => proxy.refuse()],
])('guard fail modes when the database %s', (_name, breakDatabase) => {
  test('when only fail-open policies apply, then the check is allowed without a reservation and says why', async () => {
    await breakDatabase();

    const result = await check(org, { agentId: 'relaxed', estimatedCostUsd: 1 });

    expect(result).toEqual({ decision: 'allow', remainingUsd: null, reason: 'guard_unavailable', detail: expect.stringMatching(/fails open/) });
  });

  test('when a fail-closed policy applies, then the check is denied naming it', async () => {
    await breakDatabase();

    const result = await check(org, { agentId: 'careful', estimatedCostUsd: 0.01 });

    expect(result).toMatchObject({ decision: 'deny', remainingUsd: null, reason: 'guard_unavailable', policy: { id: agentClosed.id, failMode: 'closed', limitUsd: '1' } });
    expect(result.detail).toMatch(new RegExp(`policy ${agentClosed.id} fails closed`));
  });

  test('when the gateway never read the org’s policies, then the check fails closed', async () => {
    const stranger = await createOrg(gateway.app);
    await createPolicy(gateway.app, stranger, { scope: 'org', limitUsd: 100, failMode: 'open' });
    await breakDatabase();

    const result = await check(stranger, { agentId: 'relaxed', estimatedCostUsd: 0.01 });

    expect(result).toMatchObject({ decision: 'deny', reason: 'guard_unavailable', remainingUsd: null });
    expect(result.policy).toBeUndefined();
  });

  test('when the database is back, then checks are decided by the counters again', async () => {
    await breakDatabase();
    await check(org, { agentId: 'careful', estimatedCostUsd: 0.01 });

    await proxy.restore();
    const result = await check(org, { agentId: 'careful', estimatedCostUsd: 0.5 });

    expect(result).toMatchObject({ decision: 'allow', reservedUsd: '0.5', policy: { id: agentClosed.id } });
    expect((await reservationsOf(gateway.ownerPool, org.orgId)).map((row) => row.held_usd)).toEqual(['0.01', '0.5']);
    expect(orgOpen.failMode).toBe('open');
  });
});
