import { spendDimensions, type PricingSource } from '@finops/contracts';
import type { SqlRunner } from '../../db/deadline';
import type { DbPool } from '../../db/pool';
import { inTenantTransaction } from '../../db/tenant';
import type { SpendQuery, SpendRow } from './spend-query';
import { buildSpendSql, SPEND_COLUMNS } from './spend.sql';

interface SpendDbRow {
  [column: string]: unknown;
  bucket_start?: Date;
  pricing_source?: PricingSource;
  spend_usd: string | null;
  trace_count: string | null;
  input_tokens: string | null;
  output_tokens: string | null;
  cache_read_tokens: string | null;
  cache_write_tokens: string | null;
  unsplit_tokens: string | null;
  unpriced_trace_count: string | null;
  unpriced_tokens: string | null;
}

function fromDbSpendRow(row: SpendDbRow, query: SpendQuery): SpendRow {
  const group: SpendRow['group'] = {};
  for (const dimension of query.groupBy ?? []) group[dimension] = (row[SPEND_COLUMNS[dimension]] as string | null) ?? null;
  return {
    group,
    ...(query.bucket ? { bucketStart: row.bucket_start } : {}),
    ...(query.bySource ? { pricingSource: row.pricing_source } : {}),
    spendUsd: row.spend_usd ?? '0',
    traceCount: Number(row.trace_count ?? 0),
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    cacheReadTokens: Number(row.cache_read_tokens ?? 0),
    cacheWriteTokens: Number(row.cache_write_tokens ?? 0),
    unsplitTokens: Number(row.unsplit_tokens ?? 0),
    unpricedTraceCount: Number(row.unpriced_trace_count ?? 0),
    unpricedTokens: Number(row.unpriced_tokens ?? 0),
  };
}

/**
 * Spend rows for the query, read through `runner` inside a transaction the caller already scoped to the org (the
 * guard initialises its counters this way, under its lock; see guard-counters.repository.ts).
 */
export async function querySpendWith(runner: SqlRunner, orgId: string, query: SpendQuery): Promise<SpendRow[]> {
  for (const dimension of [...(query.groupBy ?? []), ...Object.keys(query.filters ?? {})]) {
    if (!(spendDimensions as readonly string[]).includes(dimension)) throw new Error(`unknown spend dimension ${dimension}`);
  }
  const { rows } = await runner.query<SpendDbRow>(buildSpendSql(orgId, query));
  const result = rows.map((row) => fromDbSpendRow(row, query));
  // Without grouping, an empty range still has one (zero) total.
  if (result.length === 0 && (query.groupBy ?? []).length === 0 && !query.bucket) return [fromDbSpendRow({} as SpendDbRow, query)];
  return result;
}

/** Total spend in USD (a decimal string) for the range and filters, read through `runner` (see querySpendWith). */
export async function totalSpendWith(runner: SqlRunner, orgId: string, query: Omit<SpendQuery, 'groupBy' | 'bucket'>): Promise<string> {
  const [row] = await querySpendWith(runner, orgId, query);
  return row?.spendUsd ?? '0';
}

/**
 * The one place spend is summed, for reports, budgets, forecasts and the guard alike, so their figures agree
 * exactly. Reads the daily rollup for whole UTC days, the hourly one for whole hours and traces for partial edge
 * hours (see spend.sql.ts).
 */
export class SpendRepository {
  constructor(private readonly pool: DbPool) {}

  query(orgId: string, query: SpendQuery): Promise<SpendRow[]> {
    return inTenantTransaction(this.pool, orgId, (client) => querySpendWith(client, orgId, query));
  }

  /** Total spend in USD (a decimal string) for the range and filters. */
  total(orgId: string, query: Omit<SpendQuery, 'groupBy' | 'bucket'>): Promise<string> {
    return inTenantTransaction(this.pool, orgId, (client) => totalSpendWith(client, orgId, query));
  }
}
