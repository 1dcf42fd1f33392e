import request from 'supertest';
import { inTenantTransaction } from '../../src/db/tenant';
import { alertEvents, budgetStatus, createBudget, spend } from '../support/budgets';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let orgA: TestOrg;
let orgB: TestOrg;
let capOfB: string;
let webhookOfB: string;

/** Each org: a cap it has exceeded (so a state row and an event) and a webhook (so a queued delivery). */
async function seed(org: TestOrg): Promise<{ capId: string; webhookId: string }> {
  const webhook = await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: 'http://127.0.0.1:9/never' }).expect(201);
  const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 0.001 });
  await spend(gateway.app, org, '1', gateway.now().toISOString(), { costCenter: 'finance' });
  await gateway.gateway.drain();
  return { capId: cap.id, webhookId: webhook.body.id };
}

beforeAll(async () => {
  gateway = createTestGateway();
  orgA = await createOrg(gateway.app);
  orgB = await createOrg(gateway.app);
  await seed(orgA);
  ({ capId: capOfB, webhookId: webhookOfB } = await seed(orgB));
});
afterAll(() => gateway.close());

const asOrgA = <T>(work: Parameters<typeof inTenantTransaction<T>>[2]) => inTenantTransaction(gateway.pool, orgA.orgId, work);
const tables = ['budget_caps', 'budget_alert_states', 'budget_alert_events', 'webhook_subscriptions', 'webhook_deliveries'];

async function rowsOfB(table: string): Promise<number> {
  const { rows } = await gateway.ownerPool.query(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgB.orgId]);
  return rows[0].n;
}

describe('row-level security of budgets and webhooks', () => {
  test.each(tables)('when org A queries %s without any org filter, then it sees only its own rows', async (table) => {
    const { rows } = await asOrgA((client) => client.query<{ org_id: string }>(`SELECT org_id FROM ${table}`));

    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.org_id))).toEqual(new Set([orgA.orgId]));
    expect(await rowsOfB(table)).toBeGreaterThan(0);
  });

  test('when org A updates and deletes without a filter, then only its own rows change', async () => {
    const updated = await asOrgA((client) => client.query('UPDATE budget_caps SET limit_usd = 1000000'));
    await asOrgA((client) => client.query("UPDATE webhook_subscriptions SET url = 'http://attacker.example/'"));
    await asOrgA((client) => client.query('DELETE FROM budget_alert_events'));
    await asOrgA((client) => client.query('DELETE FROM webhook_deliveries'));

    expect(updated.rowCount).toBe(1);
    const b = await gateway.ownerPool.query(
      `SELECT (SELECT limit_usd::text FROM budget_caps WHERE org_id = $1) AS limit_usd,
              (SELECT url FROM webhook_subscriptions WHERE org_id = $1) AS url`,
      [orgB.orgId],
    );
    expect(b.rows[0]).toEqual({ limit_usd: '0.001000000000', url: 'http://127.0.0.1:9/never' });
    expect(await rowsOfB('budget_alert_events')).toBe(1);
    expect(await rowsOfB('webhook_deliveries')).toBe(1);
  });

  test('when org A tries to insert a cap or a subscription for org B, then PostgreSQL refuses it', async () => {
    await expect(
      asOrgA((client) =>
        client.query(
          `INSERT INTO budget_caps (org_id, id, dimension, dimension_value, limit_usd, period_type, timezone, warn_at)
           VALUES ($1, gen_random_uuid(), 'org', '', 1, 'monthly', 'UTC', '{}')`,
          [orgB.orgId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asOrgA((client) =>
        client.query(`INSERT INTO webhook_subscriptions (org_id, id, url, secret, event_types) VALUES ($1, gen_random_uuid(), 'http://x', 's', '{}')`, [orgB.orgId]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  test('when org A uses the API with org B’s ids, then they do not exist for it', async () => {
    await request(gateway.app).get(`/api/v1/cost/budgets/${capOfB}`).set(orgA.auth).expect(404);
    await request(gateway.app).patch(`/api/v1/cost/budgets/${capOfB}`).set(orgA.auth).send({ limitUsd: 1 }).expect(404);
    await request(gateway.app).delete(`/api/v1/cost/budgets/${capOfB}`).set(orgA.auth).expect(404);
    await request(gateway.app).delete(`/api/v1/webhooks/${webhookOfB}`).set(orgA.auth).expect(404);

    expect((await budgetStatus(gateway.app, orgA)).map((status) => status.budgetId)).not.toContain(capOfB);
    expect(await alertEvents(gateway.app, orgA, capOfB)).toEqual([]);
    expect((await request(gateway.app).get('/api/v1/webhooks').set(orgA.auth).expect(200)).body.webhooks.map((w: { id: string }) => w.id)).not.toContain(webhookOfB);
    expect(await rowsOfB('budget_caps')).toBe(1);
    expect(await rowsOfB('webhook_subscriptions')).toBe(1);
  });
});
