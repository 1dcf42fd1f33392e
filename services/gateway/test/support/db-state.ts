import type { DbPool } from '../../src/db/pool';

export interface StoredTrace {
  id: string;
  org_id: string;
  agent_id: string;
  model_id: string;
  cost_usd: string;
  pricing_source: string;
  pricing_version: string | null;
  cost_center: string | null;
  project: string | null;
  team: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  unsplit_tokens: number;
  total_tokens: number;
  occurred_at: Date;
  idempotency_key: string | null;
  metadata: unknown;
  input: string | null;
  output: string | null;
}

/** Reads as the owning role (outside RLS), so assertions see exactly what is stored. */
export async function tracesOf(ownerPool: DbPool, orgId: string): Promise<StoredTrace[]> {
  const { rows } = await ownerPool.query<StoredTrace>(
    `SELECT id, org_id, agent_id, model_id, cost_usd::text AS cost_usd, pricing_source, pricing_version, cost_center, project,
       team, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens, total_tokens, occurred_at,
       idempotency_key, metadata, input, output
     FROM execution_traces WHERE org_id = $1 ORDER BY occurred_at, id`,
    [orgId],
  );
  return rows;
}

export async function rollupTotals(ownerPool: DbPool, orgId: string): Promise<{ spend: string; traces: string; unpriced: string }> {
  const { rows } = await ownerPool.query<{ spend: string; traces: string; unpriced: string }>(
    `SELECT coalesce(sum(spend_usd), 0)::text AS spend, coalesce(sum(trace_count), 0)::text AS traces,
       coalesce(sum(unpriced_trace_count), 0)::text AS unpriced
     FROM cost_rollups_hourly WHERE org_id = $1`,
    [orgId],
  );
  return rows[0]!;
}

export async function traceSpend(ownerPool: DbPool, orgId: string): Promise<{ spend: string; traces: string }> {
  const { rows } = await ownerPool.query<{ spend: string; traces: string }>(
    `SELECT coalesce(sum(cost_usd), 0)::text AS spend, count(*)::text AS traces FROM execution_traces WHERE org_id = $1`,
    [orgId],
  );
  return rows[0]!;
}
