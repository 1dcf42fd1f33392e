import request from 'supertest';
import { inTenantTransaction } from '../../src/db/tenant';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let orgA: TestOrg;
let orgB: TestOrg;

beforeAll(async () => {
  gateway = createTestGateway();
  orgA = await createOrg(gateway.app);
  orgB = await createOrg(gateway.app);
  await request(gateway.app).post('/api/v1/traces/ingest').set(orgA.auth).send(docsExampleTrace()).expect(201);
  await request(gateway.app).post('/api/v1/traces/ingest').set(orgB.auth).send(docsExampleTrace()).expect(201);
  await request(gateway.app).put('/api/v1/cost/models/in-house').set(orgB.auth).send({ inputUsdPerMTok: 1, outputUsdPerMTok: 1 }).expect(200);
});
afterAll(() => gateway.close());

const asOrgA = <T>(work: Parameters<typeof inTenantTransaction<T>>[2]) => inTenantTransaction(gateway.pool, orgA.orgId, work);

describe('row-level security', () => {
  test.each(['execution_traces', 'cost_rollups_hourly', 'cost_rollups_daily', 'api_keys'])(
    'when org A queries %s without any org filter, then it sees only its own rows',
    async (table) => {
      const { rows } = await asOrgA((client) => client.query<{ org_id: string }>(`SELECT org_id FROM ${table}`));

      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.org_id))).toEqual(new Set([orgA.orgId]));
    },
  );

  test('when org A lists orgs or prices without a filter, then it sees itself, the catalogue, and nothing of org B', async () => {
    const orgs = await asOrgA((client) => client.query<{ id: string }>('SELECT id FROM orgs'));
    const prices = await asOrgA((client) => client.query<{ org_id: string }>('SELECT DISTINCT org_id FROM model_prices'));

    expect(orgs.rows.map((row) => row.id)).toEqual([orgA.orgId]);
    expect(prices.rows.map((row) => row.org_id)).toEqual(['00000000-0000-0000-0000-000000000000']);
  });

  test('when org A tries to change or delete org B’s rows without a filter, then nothing of org B changes', async () => {
    const updated = await asOrgA((client) => client.query("UPDATE execution_traces SET cost_center = 'hijacked'"));
    await asOrgA((client) => client.query('DELETE FROM api_keys WHERE org_id <> $1', [orgA.orgId]));

    expect(updated.rowCount).toBe(1);
    const b = await gateway.ownerPool.query("SELECT count(*)::int AS n FROM execution_traces WHERE org_id = $1 AND cost_center = 'hijacked'", [orgB.orgId]);
    expect(b.rows[0].n).toBe(0);
    await request(gateway.app).get('/api/v1/api-keys').set(orgB.auth).expect(200);
  });

  test('when org A tries to write a row for org B, then PostgreSQL refuses it', async () => {
    await expect(
      asOrgA((client) =>
        client.query(
          `INSERT INTO model_prices (org_id, model_id, effective_from, provider, input_usd_per_mtok, output_usd_per_mtok, source)
           VALUES ($1, 'x', now(), 'p', 1, 1, 's')`,
          [orgB.orgId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  test('when a tenant transaction names no org, then it sees no tenant rows at all', async () => {
    const client = await gateway.pool.connect();
    try {
      await client.query('BEGIN; SET LOCAL ROLE finops_app');
      const { rows } = await client.query('SELECT count(*)::int AS n FROM execution_traces');
      await client.query('ROLLBACK');
      expect(rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });

  test('when org A asks for org B’s prices through the API, then it gets only its own view', async () => {
    const response = await request(gateway.app).get('/api/v1/cost/models').set(orgA.auth).expect(200);

    expect(response.body.models.map((model: { modelId: string }) => model.modelId)).not.toContain('in-house');
  });
});
