import { randomUUID } from 'node:crypto';
import { FinOpsClient, GuardDeniedError } from '../../src';
import { expectedCostUsd } from '../support/expected-cost';
import { apiPost, createOrg, startGateway, type GatewayUnderTest } from '../support/gateway';
import { asUsd } from '../support/traces';

const AS_OF = '2027-03-17T12:00:00Z';

let gateway: GatewayUnderTest;
const clients: FinOpsClient[] = [];

beforeAll(async () => {
  gateway = await startGateway({ asOf: AS_OF });
}, 60_000);

afterAll(async () => {
  for (const client of clients) await client.shutdown();
  await gateway?.stop();
});

/** A fresh org whose agent may spend $1 a day. */
async function agentWithDailyCap() {
  const apiKey = await createOrg(gateway.url);
  const agentId = `agt_${randomUUID()}`;
  await apiPost(gateway.url, apiKey, '/guard/policies', { scope: 'agent', agentId, limitUsd: '1', periodType: 'daily', failMode: 'closed' });
  const client = new FinOpsClient({ baseUrl: gateway.url, apiKey, runtime: { now: gateway.now } });
  clients.push(client);
  return { client, agentId };
}

describe('withBudget against the real guard', () => {
  test('when the estimate fits, then the step runs holding it, its trace names the reservation, and the cap is charged the exact cost', async () => {
    const { client, agentId } = await agentWithDailyCap();
    const usage = { modelId: 'gpt-4o', inputTokens: 20_000, outputTokens: 5_000 };
    const costUsd = expectedCostUsd(usage);

    let reservationId: string | undefined;
    const value = await client.withBudget({ agentId, estimatedCostUsd: '0.4' }, async (step) => {
      reservationId = step.reservationId;
      // While the step runs its $0.40 is held: $0.70 more does not fit into the $1.00 cap.
      expect(await client.check({ agentId, estimatedCostUsd: '0.7' })).toMatchObject({ decision: 'deny', remainingUsd: '0.6' });
      client.ingest({ agentId, ...usage });
      step.reportActualCost(asUsd(costUsd));
      return 'done';
    });
    await client.flush();

    expect(value).toBe('done');
    const report = await client.report({ agentId });
    expect([report.totalUsd, report.traceCount]).toEqual([asUsd(costUsd), 1]);
    // Consumed by the trace: a settle now changes nothing, whatever the amount, and names the trace.
    expect(await client.settle({ reservationId: reservationId!, actualCostUsd: '0.99' })).toMatchObject({ status: 'consumed', traceId: expect.any(String) });
    // Nothing is held any more: what is left is the cap minus the trace's cost.
    expect(await client.check({ agentId, estimatedCostUsd: '0' })).toMatchObject({ decision: 'allow', remainingUsd: asUsd(costUsd.negated().plus(1)) });
  });

  test('when the estimate does not fit, then GuardDeniedError names the policy and the step never runs', async () => {
    const { client, agentId } = await agentWithDailyCap();
    const step = jest.fn(async () => 'ran');

    const error = (await client.withBudget({ agentId, estimatedCostUsd: '1.5' }, step).catch((caught: unknown) => caught)) as GuardDeniedError;

    expect(error).toBeInstanceOf(GuardDeniedError);
    expect([error.result.decision, error.result.reason, error.result.remainingUsd, error.result.policy?.agentId]).toEqual(['deny', 'cap_exceeded', '1', agentId]);
    expect(step).not.toHaveBeenCalled();
    expect((await client.report({ agentId })).totalUsd).toBe('0');
  });

  test('when the step throws, then its error comes through and the hold is released', async () => {
    const { client, agentId } = await agentWithDailyCap();

    const error = await client.withBudget({ agentId, estimatedCostUsd: '0.4' }, async () => {
      throw new Error('the model call failed');
    }).catch((caught: unknown) => caught);

    expect((error as Error).message).toBe('the model call failed');
    // The whole dollar fits again only if the $0.40 hold is gone.
    expect(await client.check({ agentId, estimatedCostUsd: '1' })).toMatchObject({ decision: 'allow', remainingUsd: '0' });
    expect((await client.report({ agentId })).totalUsd).toBe('0');
  });

  test('when no policy applies, then the step runs without a reservation', async () => {
    const { client } = await agentWithDailyCap();
    const seen = await client.withBudget({ agentId: `agt_${randomUUID()}`, estimatedCostUsd: '0.1' }, async (step) => step.reservationId);
    expect(seen).toBeUndefined();
  });
});
