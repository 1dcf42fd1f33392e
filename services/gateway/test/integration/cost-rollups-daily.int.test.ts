import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { DEFAULT_MIGRATIONS_DIR, migrate } from '../../src/db/migrator';
import { createPool } from '../../src/db/pool';
import { createPrisma } from '../../src/db/prisma';
import { createOrg, docsExampleTrace } from '../support/factories';
import { createEmptyDatabase } from '../support/fresh-database';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

const DAILY_MIGRATION = '20261130090000_create_cost_rollups_daily';

let gateway: TestGateway;
beforeAll(() => {
  gateway = createTestGateway();
});
afterAll(() => gateway.close());

/** Per day and pricing source, as the daily rollup holds it and as the traces add up. */
async function dailyVersusTraces(db: pg.Pool | pg.Client, orgId: string) {
  const daily = await db.query(
    `SELECT day, pricing_source::text AS source, spend_usd::text AS spend, trace_count::int AS n, unpriced_tokens::int AS unpriced
     FROM (SELECT day, pricing_source, sum(spend_usd) AS spend_usd, sum(trace_count) AS trace_count, sum(unpriced_tokens) AS unpriced_tokens
           FROM cost_rollups_daily WHERE org_id = $1 GROUP BY 1, 2) d ORDER BY 1, 2`,
    [orgId],
  );
  const traces = await db.query(
    `SELECT date_trunc('day', occurred_at, 'UTC') AS day, pricing_source::text AS source, sum(cost_usd)::numeric(28, 12)::text AS spend,
       count(*)::int AS n, coalesce(sum(total_tokens) FILTER (WHERE pricing_source = 'unpriced'), 0)::int AS unpriced
     FROM execution_traces WHERE org_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [orgId],
  );
  return { daily: daily.rows, traces: traces.rows };
}

describe('daily cost rollup', () => {
  test('when traces are ingested, replayed and batched, then the daily rollup equals the traces per day and source', async () => {
    const org = await createOrg(gateway.app);
    const ingest = (body: object, key?: string) => {
      const call = request(gateway.app).post('/api/v1/traces/ingest').set(org.auth);
      return (key ? call.set('Idempotency-Key', key) : call).send(body).expect(201);
    };
    const replayed = docsExampleTrace({ occurredAt: '2026-11-02T23:59:59Z' });
    await ingest(replayed, 'k1');
    await ingest(replayed, 'k1');
    await ingest(docsExampleTrace({ modelId: 'unknown-model', team: null, occurredAt: '2026-11-03T00:00:00Z' }));
    await request(gateway.app)
      .post('/api/v1/traces/ingest/batch')
      .set(org.auth)
      .send({ traces: [docsExampleTrace({ costUsd: '0.1', occurredAt: '2026-11-03T10:00:00Z' }), docsExampleTrace({ occurredAt: '2026-11-03T11:00:00Z' })] })
      .expect(201);

    const { daily, traces } = await dailyVersusTraces(gateway.ownerPool, org.orgId);
    expect(daily).toEqual(traces);
    expect(daily.map((row) => row.source)).toEqual(['catalog', 'catalog', 'provided', 'unpriced']);
  });

  test('when the migration runs on a database that already has traces, then it rolls them up by day', async () => {
    const db = await createEmptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'finops-migrations-'));
    const client = new pg.Client({ connectionString: db.url });
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      // The database as it was before the daily rollups: later migrations may alter their table.
      for (const name of await readdir(dir)) if (name >= DAILY_MIGRATION) await rm(join(dir, name), { recursive: true });
      await migrate(db.url, dir);
      await client.connect();
      const orgId = randomUUID();
      await client.query(`INSERT INTO orgs (id, name) VALUES ($1, 'before daily rollups')`, [orgId]);
      await client.query(
        `INSERT INTO execution_traces (org_id, id, agent_id, model_id, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
           unsplit_tokens, total_tokens, cost_usd, pricing_source, cost_center, occurred_at, received_at)
         SELECT $1, gen_random_uuid(), 'a', 'm', 1, 1, 0, 0, 0, 2, 0.000000000001 * i,
           (CASE WHEN i % 3 = 0 THEN 'unpriced' ELSE 'catalog' END)::pricing_source, CASE WHEN i % 2 = 0 THEN 'cc' END,
           '2026-11-01T00:00:00Z'::timestamptz + i * interval '37 minutes', now()
         FROM generate_series(1, 200) i`,
        [orgId],
      );

      await migrate(db.url);

      const { daily, traces } = await dailyVersusTraces(client, orgId);
      expect(daily).toEqual(traces);
      expect(daily.length).toBeGreaterThan(4);
    } finally {
      await client.end();
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  test('when Prisma reads and writes the daily rollup, then its model agrees with the SQL, and days must be UTC midnight', async () => {
    const db = await createEmptyDatabase();
    const pool = createPool(db.url, 2);
    const prisma = createPrisma(pool);
    try {
      await migrate(db.url);
      const row = {
        orgId: randomUUID(), day: new Date('2026-11-02T00:00:00Z'), agentId: 'a', modelId: 'm', costCenter: '', project: '', team: '',
        pricingSource: 'override' as const, spendUsd: '1.000000000001', traceCount: 1n, inputTokens: 1n, outputTokens: 2n,
        cacheReadTokens: 3n, cacheWriteTokens: 4n, unsplitTokens: 5n, unpricedTraceCount: 0n, unpricedTokens: 0n,
      };
      await prisma.costRollupDaily.create({ data: row });

      expect((await prisma.costRollupDaily.findFirstOrThrow({ where: { orgId: row.orgId } })).spendUsd.toFixed()).toBe('1.000000000001');
      await expect(prisma.costRollupDaily.create({ data: { ...row, day: new Date('2026-11-02T05:00:00Z') } })).rejects.toThrow(/day_is_utc_midnight/);
    } finally {
      await prisma.$disconnect();
      await pool.end();
      await db.drop();
    }
  });
});
