import request from 'supertest';
import { SpendRepository } from '../../src/modules/spend/spend.repository';
import type { SpendQuery } from '../../src/modules/spend/spend-query';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let org: TestOrg;
let spend: SpendRepository;

const BASE = Date.parse('2026-10-28T00:00:00Z');
const teams = ['ml', 'data', null];
const centers = ['finance', 'ops,"quoted"', null];

// A deterministic pseudo-random dataset spread over ~6 days at minute resolution, so ranges cut through hours.
function dataset(count: number) {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () =>
    docsExampleTrace({
      agentId: `agt_${Math.floor(next() * 3)}`,
      modelId: next() < 0.1 ? 'unknown-model' : 'gpt-4o-mini',
      team: teams[Math.floor(next() * 3)],
      costCenter: centers[Math.floor(next() * 3)],
      project: 'p1',
      tokensUsed: 1 + Math.floor(next() * 50_000),
      occurredAt: new Date(BASE + Math.floor(next() * 6 * 24 * 60) * 60_000).toISOString(),
    }),
  );
}

beforeAll(async () => {
  gateway = createTestGateway();
  org = await createOrg(gateway.app);
  spend = new SpendRepository(gateway.pool);
  const traces = dataset(1500);
  for (let i = 0; i < traces.length; i += 500) {
    await request(gateway.app).post('/api/v1/traces/ingest/batch').set(org.auth).send({ traces: traces.slice(i, i + 500) }).expect(201);
  }
});
afterAll(() => gateway.close());

/** The same figures computed the slow, obvious way: straight from the traces. */
async function fromTraces(query: SpendQuery, groupSql: string[], bucketSql?: string) {
  const where = ['org_id = $1', 'occurred_at >= $2', 'occurred_at < $3'];
  const values: unknown[] = [org.orgId, query.from, query.to];
  for (const [dimension, value] of Object.entries(query.filters ?? {})) {
    const column = { costCenter: 'cost_center', team: 'team', agentId: 'agent_id', modelId: 'model_id', project: 'project' }[dimension]!;
    if (value === null) where.push(`${column} IS NULL`);
    else where.push(`${column} = $${values.push(value)}`);
  }
  const keys = [...groupSql, ...(bucketSql ? [bucketSql] : [])];
  const { rows } = await gateway.ownerPool.query(
    `SELECT ${[...keys, 'trim_scale(sum(cost_usd))::text AS spend', 'count(*)::int AS n'].join(', ')} FROM execution_traces
     WHERE ${where.join(' AND ')} ${keys.length ? `GROUP BY ${keys.map((_, i) => i + 1).join(', ')} ORDER BY ${keys.map((_, i) => i + 1).join(', ')}` : ''}`,
    values,
  );
  return rows as { spend: string; n: number }[];
}

describe('spend query', () => {
  test.each([
    ['whole hours', '2026-10-28T03:00:00Z', '2026-11-01T21:00:00Z'],
    ['both edges inside an hour (a half-hour time zone)', '2026-10-28T03:30:00Z', '2026-11-01T21:45:00Z'],
    ['a range inside one hour', '2026-10-29T10:07:00Z', '2026-10-29T10:52:00Z'],
    ['a range with no spend', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'],
  ])('when the range has %s, then the total equals the sum over the traces exactly', async (_name, from, to) => {
    const query = { from: new Date(from), to: new Date(to) };
    const [expected] = await fromTraces(query, []);
    const [row] = await spend.query(org.orgId, query);

    expect(row!.spendUsd).toBe(expected!.spend ?? '0');
    expect(row!.traceCount).toBe(expected!.n);
  });

  test('when grouped by two dimensions with a filter, then every group equals the traces’ sum, untagged as null', async () => {
    const query: SpendQuery = { from: new Date('2026-10-28T05:20:00Z'), to: new Date('2026-11-02T00:00:00Z'), groupBy: ['costCenter', 'team'], filters: { agentId: 'agt_1' } };
    const expected = await fromTraces(query, ['cost_center', 'team']);
    const rows = await spend.query(org.orgId, query);

    expect(rows.map((row) => [row.group.costCenter, row.group.team, row.spendUsd, row.traceCount])).toEqual(
      expected.map((row) => [(row as Record<string, unknown>).cost_center, (row as Record<string, unknown>).team, row.spend, row.n]),
    );
    expect(rows.some((row) => row.group.team === null)).toBe(true);
  });

  test('when filtering on untagged spend, then only traces without the tag count', async () => {
    const query: SpendQuery = { from: new Date(BASE), to: new Date(BASE + 7 * 86_400_000), filters: { costCenter: null } };
    const [expected] = await fromTraces(query, []);

    expect(await spend.total(org.orgId, query)).toBe(expected!.spend);
  });

  test.each(['day', 'week', 'month'] as const)('when bucketed by %s (UTC), then each bucket equals the traces’ sum', async (bucket) => {
    const query: SpendQuery = { from: new Date(BASE), to: new Date(BASE + 7 * 86_400_000), bucket };
    const expected = await fromTraces(query, [], `date_trunc('${bucket}', occurred_at, 'UTC')`);
    const rows = await spend.query(org.orgId, query);

    expect(rows.map((row) => row.spendUsd)).toEqual(expected.map((row) => row.spend));
  });

  test('when bucketed by hour, then each hour equals the traces’ sum (days cannot answer hours)', async () => {
    const query: SpendQuery = { from: new Date('2026-10-28T03:30:00Z'), to: new Date('2026-10-30T05:00:00Z'), bucket: 'hour' };
    const expected = await fromTraces(query, [], `date_trunc('hour', occurred_at, 'UTC')`);
    const rows = await spend.query(org.orgId, query);

    expect(rows.map((row) => row.spendUsd)).toEqual(expected.map((row) => row.spend));
  });

  test.each([
    ['whole days', '2026-10-28T00:00:00Z', '2026-11-02T00:00:00Z'],
    ['edges inside hours', '2026-10-28T03:30:00Z', '2026-11-01T21:45:00Z'],
  ])('when split by pricing source over %s, then each source and day equals the traces’ sum', async (_name, from, to) => {
    const query: SpendQuery = { from: new Date(from), to: new Date(to), groupBy: ['agentId'], bucket: 'day', bySource: true };
    const expected = await fromTraces(query, ['agent_id', `date_trunc('day', occurred_at, 'UTC')`, 'pricing_source::text']);
    const rows = await spend.query(org.orgId, query);

    expect(rows.map((row) => [row.group.agentId, row.bucketStart, row.pricingSource, row.spendUsd, row.traceCount])).toEqual(
      expected.map((row) => Object.values(row)),
    );
    expect(new Set(rows.map((row) => row.pricingSource))).toEqual(new Set(['catalog', 'unpriced']));
  });

  test('when a limit is given, then at most that many rows come back, the first in key order', async () => {
    const query: SpendQuery = { from: new Date(BASE), to: new Date(BASE + 7 * 86_400_000), groupBy: ['agentId'], bucket: 'day' };
    const all = await spend.query(org.orgId, query);
    const limited = await spend.query(org.orgId, { ...query, limit: 4 });

    expect(limited).toEqual(all.slice(0, 4));
  });

  test('when some traces are unpriced, then their count and tokens are reported, not dropped', async () => {
    const query: SpendQuery = { from: new Date(BASE), to: new Date(BASE + 7 * 86_400_000), groupBy: ['modelId'] };
    const rows = await spend.query(org.orgId, query);
    const unknown = rows.find((row) => row.group.modelId === 'unknown-model')!;

    expect(unknown.unpricedTraceCount).toBe(unknown.traceCount);
    expect(unknown.unpricedTokens).toBeGreaterThan(0);
    expect(unknown.spendUsd).toBe('0');
  });
});
