import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GuardCheckResultSchema, type GuardCheckResult } from '@finops/contracts';
import { SpendRepository } from '../../src/modules/spend/spend.repository';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { counterOf, createPolicy, reservationsOf } from '../support/guard';
import { RunningClock, TEST_EPOCH } from '../support/clocks';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

// Deadlines are the fail-mode tests' subject; here a busy shared machine must not turn a slow check into a
// fail-closed deny, so checks may take up to 10 s.
const CHECK_TIMEOUT_MS = 10_000;
// The in-process gateway and the two gateway processes share one clock.
const clock = new RunningClock(TEST_EPOCH);
let gateway: TestGateway;
let server: Server;
let inProcessUrl: string;
let org: TestOrg;

beforeAll(async () => {
  gateway = createTestGateway({ guard: { checkTimeoutMs: CHECK_TIMEOUT_MS } }, { now: clock.now });
  server = gateway.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  inProcessUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(async () => {
  org = await createOrg(gateway.app);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await gateway.close();
});

async function post<T>(baseUrl: string, path: string, body: object, parse: (body: unknown) => T): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${org.apiKey}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return parse(JSON.parse(text));
}

const checkAt = (baseUrl: string, body: object): Promise<GuardCheckResult> => post(baseUrl, '/api/v1/guard/check', body, (b) => GuardCheckResultSchema.parse(b));

/** 200 checks of $0.01 at once, the i-th sent to urls[i % urls.length]. */
function twoHundredChecks(urls: string[]): Promise<GuardCheckResult[]> {
  return Promise.all(Array.from({ length: 200 }, (_, i) => checkAt(urls[i % urls.length]!, { agentId: `agt-${i % 7}`, estimatedCostUsd: '0.01' })));
}

describe('guard under concurrency', () => {
  test('when 200 checks of $0.01 arrive at once against a $1.00 cap, then exactly 100 are allowed and $1.00 is held', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: '1.00', periodType: 'daily' });

    const results = await twoHundredChecks([inProcessUrl]);

    expect(results.filter((result) => result.reason === 'guard_unavailable')).toEqual([]);
    const allowed = results.filter((result) => result.decision === 'allow');
    expect(allowed).toHaveLength(100);
    expect(results.filter((result) => result.decision === 'deny').every((result) => result.reason === 'cap_exceeded')).toBe(true);
    expect(new Set(allowed.map((result) => result.reservationId)).size).toBe(100);
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0', reserved_usd: '1' });
    expect((await reservationsOf(gateway.ownerPool, org.orgId)).filter((row) => row.status === 'held')).toHaveLength(100);
  });

  describe('with two gateway processes on one database', () => {
    let processes: GatewayProcess[];
    beforeAll(async () => {
      const env = { GUARD_CHECK_TIMEOUT_MS: String(CHECK_TIMEOUT_MS) };
      processes = await Promise.all([startGatewayProcess(env, { clock }), startGatewayProcess(env, { clock })]);
    });
    afterAll(async () => {
      await Promise.all(processes.map((process) => process.stop()));
    });

    test('when 200 checks of $0.01 are split between them against a $1.00 cap, then exactly 100 are allowed in total', async () => {
      const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
      await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'agt-3', limitUsd: 5, periodType: 'daily' });

      const results = await twoHundredChecks(processes.map((process) => process.url));

      expect(results.filter((result) => result.reason === 'guard_unavailable')).toEqual([]);
      expect(results.filter((result) => result.decision === 'allow')).toHaveLength(100);
      expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ reserved_usd: '1' });
      expect((await reservationsOf(gateway.ownerPool, org.orgId)).filter((row) => row.status === 'held')).toHaveLength(100);
    });

    test('when traces are ingested on both while their first checks create the counters, then the counters equal the spend query', async () => {
      const orgPolicy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1000 });
      const agentPolicy = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'agt-1', limitUsd: 1000, periodType: 'daily' });
      const urls = processes.map((process) => process.url);

      await Promise.all([
        ...Array.from({ length: 150 }, (_, i) =>
          post(urls[i % 2]!, '/api/v1/traces/ingest', docsExampleTrace({ agentId: `agt-${i % 3}`, costUsd: `0.00${i % 10}1` }), (b) => b),
        ),
        ...Array.from({ length: 20 }, (_, i) => checkAt(urls[i % 2]!, { agentId: 'agt-1', estimatedCostUsd: '0.001' })),
      ]);

      const now = clock.now();
      const month = { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
      const day = { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)) };
      const spend = new SpendRepository(gateway.pool);
      expect((await counterOf(gateway.ownerPool, org.orgId, orgPolicy.id))!.spent_usd).toBe(await spend.total(org.orgId, month));
      expect((await counterOf(gateway.ownerPool, org.orgId, agentPolicy.id))!.spent_usd).toBe(await spend.total(org.orgId, { ...day, filters: { agentId: 'agt-1' } }));
      expect(await spend.total(org.orgId, month)).not.toBe('0');
    });
  });
});
