import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { median, runRepeated, type RepeatedLoad } from '../load';
import { createBenchOrg, type BenchStack } from '../stack';
import { docsLikeTrace } from '../trace-bodies';
import type { BenchPlan, Scenario } from './scenario';

const BATCH = 1000;
const CONNECTIONS = 4;

const PLAIN_INSERT = `
INSERT INTO execution_traces (org_id, id, agent_id, model_id, input, output, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, unsplit_tokens, total_tokens, cost_usd, pricing_source, pricing_version, cost_center, project, team,
  occurred_at, received_at, idempotency_key, request_hash, metadata)
SELECT $1::uuid, u.* FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int4[], $8::int4[],
  $9::int4[], $10::int4[], $11::int4[], $12::int4[], $13::numeric[], $14::pricing_source[], $15::text[], $16::text[],
  $17::text[], $18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::text[], $23::jsonb[]) AS u`;

/** The same 1,000 rows as column arrays, for one plain-pg INSERT ... SELECT FROM unnest. */
function plainRows(orgId: string): unknown[] {
  const traces = Array.from({ length: BATCH }, (_, i) => docsLikeTrace(i));
  const now = new Date().toISOString();
  const col = <T>(pick: (trace: Record<string, unknown>, i: number) => T) => traces.map(pick);
  return [
    orgId,
    col(() => randomUUID()),
    col((t) => t.agentId),
    col((t) => t.modelId),
    col((t) => t.input),
    col((t) => t.output),
    col(() => 0),
    col(() => 0),
    col(() => 0),
    col(() => 0),
    col((t) => t.tokensUsed),
    col((t) => t.tokensUsed),
    col(() => '0.01104'),
    col(() => 'catalog'),
    col(() => 'catalog:bench'),
    col((t) => t.costCenter),
    col((t) => t.project),
    col((t) => t.team),
    col(() => now),
    col(() => now),
    col(() => null),
    col(() => null),
    col(() => null),
  ];
}

/** Plain pg inserting 1,000-row batches from `CONNECTIONS` clients for the run time: the database's own speed. */
async function plainPgRowsPerSecond(pool: pg.Pool, orgId: string, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let inserted = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        await pool.query(PLAIN_INSERT, plainRows(orgId));
        inserted += BATCH;
      }
    }),
  );
  return inserted / ((Date.now() - started) / 1000);
}

async function plainPgLimit(pool: pg.Pool, orgId: string, plan: BenchPlan): Promise<number> {
  await plainPgRowsPerSecond(pool, orgId, plan.warmupSeconds);
  const runs: number[] = [];
  for (let i = 0; i < plan.runs; i += 1) runs.push(await plainPgRowsPerSecond(pool, orgId, plan.runSeconds));
  return median(runs);
}

/** POST /api/v1/traces/ingest/batch of 1,000 docs-like traces a request; traces/s (median of the runs) and the load. */
export async function batchIngestLoad(stack: BenchStack, plan: BenchPlan, org: { orgId: string; apiKey: string }): Promise<RepeatedLoad & { tracesPerSecond: number; stored: number }> {
  const bodies = Array.from({ length: 4 }, (_, b) => JSON.stringify({ traces: Array.from({ length: BATCH }, (_, i) => docsLikeTrace(b * BATCH + i)) }));
  const batch = await runRepeated(
    { url: `${stack.gatewayUrl}/api/v1/traces/ingest/batch`, connections: CONNECTIONS, headers: { authorization: `Bearer ${org.apiKey}` }, bodies },
    plan,
  );
  const { rows } = await stack.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM execution_traces WHERE org_id = $1', [org.orgId]);
  return { ...batch, tracesPerSecond: batch.medianRps * BATCH, stored: Number(rows[0]!.n) };
}

/** Scenario 2: batch ingest of 1,000 traces per request, next to plain pg inserting the same rows. */
export const ingestBatch: Scenario = async (stack, plan, log) => {
  const limitOrg = await createBenchOrg(stack, 'bench-batch-limit');
  log('scenario 2: plain pg INSERT ... SELECT FROM unnest (limit)');
  const limit = await plainPgLimit(stack.ownerPool, limitOrg.orgId, plan);

  log('scenario 2: POST /api/v1/traces/ingest/batch');
  const batch = await batchIngestLoad(stack, plan, await createBenchOrg(stack, 'bench-batch'));
  const ratio = batch.tracesPerSecond / limit;
  return [
    {
      scenario: '2 batch ingest (1,000/request)',
      metric: 'throughput',
      value: batch.tracesPerSecond,
      unit: 'traces/s',
      limit: { label: 'plain pg unnest insert', value: limit },
      ratio,
      goal: '>= 50% of limit',
      met: ratio >= 0.5,
      details: { stored: batch.stored, acknowledged: batch.total2xx * BATCH, p99Ms: batch.medianP99Ms, runs: batch.runs },
    },
  ];
};
