import type { GuardCheckResult, GuardPolicy } from '@finops/contracts';
import request from 'supertest';
import { inTenantTransaction } from '../../src/db/tenant';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { counterOf, createPolicy, guardCheck, reservationOf } from '../support/guard';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let orgA: TestOrg;
let orgB: TestOrg;
let policyOfB: GuardPolicy;
let reservationOfB: GuardCheckResult;

beforeAll(async () => {
  gateway = createTestGateway();
  orgA = await createOrg(gateway.app);
  orgB = await createOrg(gateway.app);
  await createPolicy(gateway.app, orgA, { scope: 'org', limitUsd: 1000 });
  await guardCheck(gateway.app, orgA, { agentId: 'shared-agent', estimatedCostUsd: 1 });
  // B: a tiny cap on the same agent id A uses, a counter and an open reservation.
  policyOfB = await createPolicy(gateway.app, orgB, { scope: 'agent', agentId: 'shared-agent', limitUsd: 0.01, periodType: 'daily' });
  reservationOfB = await guardCheck(gateway.app, orgB, { agentId: 'shared-agent', estimatedCostUsd: 0.01 });
  // Traces of both orgs leave deltas for their counters.
  for (const org of [orgA, orgB]) {
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace({ agentId: 'shared-agent', costUsd: '0.002' })).expect(201);
  }
});
afterAll(() => gateway.close());

const asOrgA = <T>(work: Parameters<typeof inTenantTransaction<T>>[2]) => inTenantTransaction(gateway.pool, orgA.orgId, work);

describe('row-level security of the guard', () => {
  test.each(['guard_policies', 'guard_counters', 'guard_counter_deltas', 'guard_reservations'])(
    'when org A queries %s without any org filter, then it sees only its own rows',
    async (table) => {
      const { rows } = await asOrgA((client) => client.query<{ org_id: string }>(`SELECT org_id FROM ${table}`));
      const { rows: ofB } = await gateway.ownerPool.query(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgB.orgId]);

      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.org_id))).toEqual(new Set([orgA.orgId]));
      expect(ofB[0].n).toBeGreaterThan(0);
    },
  );

  test('when org A updates counters and reservations without a filter or inserts a policy for B, then B is untouched or PostgreSQL refuses', async () => {
    await asOrgA((client) => client.query('UPDATE guard_counters SET reserved_usd = 0, spent_usd = 0'));
    await asOrgA((client) => client.query("UPDATE guard_reservations SET status = 'released', held_usd = 0"));
    await asOrgA((client) => client.query('DELETE FROM guard_counter_deltas'));
    const insert = asOrgA((client) =>
      client.query(
        `INSERT INTO guard_policies (org_id, id, scope, agent_id, limit_usd, period_type, fail_mode) VALUES ($1, gen_random_uuid(), 'org', '', 1, 'daily', 'open')`,
        [orgB.orgId],
      ),
    );

    await expect(insert).rejects.toThrow(/row-level security/);
    expect(await counterOf(gateway.ownerPool, orgB.orgId, policyOfB.id)).toMatchObject({ reserved_usd: '0.01', spent_usd: '0.002' });
    expect(await reservationOf(gateway.ownerPool, orgB.orgId, reservationOfB.reservationId!)).toMatchObject({ status: 'held', held_usd: '0.01' });
  });

  test('when org A checks the agent B caps, then B’s policy neither limits nor counts A’s action', async () => {
    const result = await guardCheck(gateway.app, orgA, { agentId: 'shared-agent', estimatedCostUsd: 5 });

    expect(result).toMatchObject({ decision: 'allow' });
    expect(result.policy?.id).not.toBe(policyOfB.id);
    expect(await counterOf(gateway.ownerPool, orgB.orgId, policyOfB.id)).toMatchObject({ reserved_usd: '0.01', spent_usd: '0.002' });
  });

  test('when org A reads, changes or deletes B’s policy, then it is 404 and B’s policy is unchanged', async () => {
    const api = () => request(gateway.app);
    await api().get(`/api/v1/guard/policies/${policyOfB.id}`).set(orgA.auth).expect(404);
    await api().patch(`/api/v1/guard/policies/${policyOfB.id}`).set(orgA.auth).send({ limitUsd: 999 }).expect(404);
    await api().delete(`/api/v1/guard/policies/${policyOfB.id}`).set(orgA.auth).expect(404);
    const listed = await api().get('/api/v1/guard/policies').set(orgA.auth).expect(200);

    expect(listed.body.policies.map((policy: GuardPolicy) => policy.id)).not.toContain(policyOfB.id);
    const ofB = await api().get(`/api/v1/guard/policies/${policyOfB.id}`).set(orgB.auth).expect(200);
    expect(ofB.body).toMatchObject({ limitUsd: '0.01' });
  });

  test('when org A settles B’s reservation or names it in a trace, then B’s reservation keeps its hold', async () => {
    await request(gateway.app).post('/api/v1/guard/settle').set(orgA.auth).send({ reservationId: reservationOfB.reservationId }).expect(404);
    await request(gateway.app)
      .post('/api/v1/traces/ingest')
      .set(orgA.auth)
      .send(docsExampleTrace({ agentId: 'shared-agent', costUsd: '0.5', reservationId: reservationOfB.reservationId }))
      .expect(201);

    expect(await reservationOf(gateway.ownerPool, orgB.orgId, reservationOfB.reservationId!)).toMatchObject({ status: 'held', held_usd: '0.01', trace_id: null });
    expect(await counterOf(gateway.ownerPool, orgB.orgId, policyOfB.id)).toMatchObject({ reserved_usd: '0.01', spent_usd: '0.002' });
  });
});
