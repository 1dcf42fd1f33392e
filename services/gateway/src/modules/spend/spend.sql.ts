import type { SpendDimension } from '@finops/contracts';
import type { SpendBucket, SpendQuery } from './spend-query';
import { planSpendSegments, type SpendSegment, type SpendSource } from './spend-segments';

const COLUMNS: Record<SpendDimension, string> = {
  costCenter: 'cost_center',
  project: 'project',
  team: 'team',
  agentId: 'agent_id',
  modelId: 'model_id',
};

const BUCKET_UNITS: Record<SpendBucket, string> = { hour: 'hour', day: 'day', week: 'week', month: 'month' };

interface SourceTable {
  table: string;
  time: string;
  /** Rollups store untagged as '' (their key must be non-null); traces store NULL. Both read back as NULL. */
  read: (column: string) => string;
  untagged: (column: string) => string;
  measures: string;
}

const ROLLUP_MEASURES = `spend_usd, trace_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens,
           unpriced_trace_count, unpriced_tokens`;
const rollup = (table: string, time: string): SourceTable => ({
  table,
  time,
  read: (column) => `NULLIF(${column}, '')`,
  untagged: (column) => `${column} = ''`,
  measures: ROLLUP_MEASURES,
});

const SOURCES: Record<SpendSource, SourceTable> = {
  daily: rollup('cost_rollups_daily', 'day'),
  hourly: rollup('cost_rollups_hourly', 'hour'),
  traces: {
    table: 'execution_traces',
    time: 'occurred_at',
    read: (column) => column,
    untagged: (column) => `${column} IS NULL`,
    measures: `cost_usd, 1, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens,
           CASE WHEN pricing_source = 'unpriced' THEN 1 ELSE 0 END, CASE WHEN pricing_source = 'unpriced' THEN total_tokens ELSE 0 END`,
  },
};

export interface BuiltSpendSql {
  text: string;
  values: unknown[];
}

/** The sources that can answer a query: hour buckets cannot come from days, and only days and traces know the pricing source. */
function usableSources(query: SpendQuery): SpendSource[] {
  return (['daily', 'hourly', 'traces'] as const).filter(
    (source) => !(source === 'daily' && query.bucket === 'hour') && !(source === 'hourly' && query.bySource),
  );
}

/**
 * Spend for [from, to), exact for any instants: whole UTC days come from cost_rollups_daily, whole hours from
 * cost_rollups_hourly, and the partial hours at either edge (e.g. a budget period starting at local midnight in a
 * half-hour time zone) from the traces themselves, so the cost follows days x groups, not traces (see
 * spend-segments.ts).
 */
export function buildSpendSql(orgId: string, query: SpendQuery): BuiltSpendSql {
  const values: unknown[] = [orgId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const groupBy = query.groupBy ?? [];
  const filters = Object.entries(query.filters ?? {}) as [SpendDimension, string | null][];

  const part = ({ source, from, to }: SpendSegment): string => {
    const { table, time, read, untagged, measures } = SOURCES[source];
    const conditions = [`org_id = $1`, `${time} >= ${param(from.toISOString())}::timestamptz`, `${time} < ${param(to.toISOString())}::timestamptz`];
    for (const [dimension, value] of filters) {
      const column = COLUMNS[dimension];
      conditions.push(value === null ? untagged(column) : `${column} = ${param(value)}`);
    }
    const dims = groupBy.map((dimension) => `${read(COLUMNS[dimension])} AS ${COLUMNS[dimension]}`);
    const bucket = query.bucket ? [`date_trunc('${BUCKET_UNITS[query.bucket]}', ${time}, 'UTC') AS bucket_start`] : [];
    const pricingSource = query.bySource ? ['pricing_source::text'] : [];
    return `SELECT ${[...dims, ...bucket, ...pricingSource, measures].join(', ')} FROM ${table} WHERE ${conditions.join(' AND ')}`;
  };

  const segments = planSpendSegments(query.from, query.to, usableSources(query));
  // An empty range still needs the column shape; an empty stretch of traces gives it at no cost.
  const parts = (segments.length > 0 ? segments : [{ source: 'traces' as const, from: query.from, to: query.from }]).map(part);

  const keys = [...groupBy.map((dimension) => COLUMNS[dimension]), ...(query.bucket ? ['bucket_start'] : []), ...(query.bySource ? ['pricing_source'] : [])];
  const measureNames = ['spend', 'traces', 'input', 'output', 'cache_read', 'cache_write', 'unsplit', 'unpriced_traces', 'unpriced_tokens'];
  const columnList = [...keys, ...measureNames].join(', ');
  const text = `
SELECT ${[...keys, 'trim_scale(sum(spend))::text AS spend_usd', 'sum(traces)::bigint AS trace_count', 'sum(input)::bigint AS input_tokens',
    'sum(output)::bigint AS output_tokens', 'sum(cache_read)::bigint AS cache_read_tokens', 'sum(cache_write)::bigint AS cache_write_tokens',
    'sum(unsplit)::bigint AS unsplit_tokens', 'sum(unpriced_traces)::bigint AS unpriced_trace_count', 'sum(unpriced_tokens)::bigint AS unpriced_tokens'].join(',\n  ')}
FROM (${parts.join('\nUNION ALL\n')}) AS spend_parts(${columnList})
${keys.length > 0 ? `GROUP BY ${keys.join(', ')}\nORDER BY ${keys.join(', ')}` : ''}
${query.limit !== undefined ? `LIMIT ${param(query.limit)}` : ''}`;
  return { text, values };
}

export const SPEND_COLUMNS = COLUMNS;
