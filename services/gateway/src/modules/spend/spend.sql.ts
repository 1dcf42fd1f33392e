import type { SpendBucket, SpendDimension, SpendQuery } from './spend-query';

const COLUMNS: Record<SpendDimension, string> = {
  costCenter: 'cost_center',
  project: 'project',
  team: 'team',
  agentId: 'agent_id',
  modelId: 'model_id',
};

// Rollups store untagged as '' (their key must be non-null); traces store NULL. Both read back as NULL.
const ROLLUP_VALUE = (column: string) => `NULLIF(${column}, '')`;
const TRACE_VALUE = (column: string) => column;

const BUCKET_UNITS: Record<SpendBucket, string> = { hour: 'hour', day: 'day', week: 'week', month: 'month' };

export interface BuiltSpendSql {
  text: string;
  values: unknown[];
}

const HOUR_MS = 3_600_000;
const floorHour = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
const ceilHour = (date: Date) => new Date(Math.ceil(date.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Spend for [from, to): whole hours come from cost_rollups_hourly; the partial hours at either edge (when a bound is
 * not on the hour, e.g. a budget period starting at local midnight in a half-hour time zone) come from the traces
 * themselves, so the figure is exact for any instant while the cost follows hours x groups, not traces.
 */
export function buildSpendSql(orgId: string, query: SpendQuery): BuiltSpendSql {
  const values: unknown[] = [orgId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const groupBy = query.groupBy ?? [];
  const filters = Object.entries(query.filters ?? {}) as [SpendDimension, string | null][];

  const part = (source: 'rollup' | 'traces', from: Date, to: Date): string => {
    const read = source === 'rollup' ? ROLLUP_VALUE : TRACE_VALUE;
    const time = source === 'rollup' ? 'hour' : 'occurred_at';
    const conditions = [`org_id = $1`, `${time} >= ${param(from.toISOString())}::timestamptz`, `${time} < ${param(to.toISOString())}::timestamptz`];
    for (const [dimension, value] of filters) {
      const column = COLUMNS[dimension];
      if (value === null) conditions.push(source === 'rollup' ? `${column} = ''` : `${column} IS NULL`);
      else conditions.push(`${column} = ${param(value)}`);
    }
    const dims = groupBy.map((dimension) => `${read(COLUMNS[dimension])} AS ${COLUMNS[dimension]}`);
    const bucket = query.bucket ? [`date_trunc('${BUCKET_UNITS[query.bucket]}', ${time}, 'UTC') AS bucket_start`] : [];
    const measures =
      source === 'rollup'
        ? `spend_usd, trace_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens,
           unpriced_trace_count, unpriced_tokens`
        : `cost_usd, 1, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens,
           CASE WHEN pricing_source = 'unpriced' THEN 1 ELSE 0 END, CASE WHEN pricing_source = 'unpriced' THEN total_tokens ELSE 0 END`;
    const table = source === 'rollup' ? 'cost_rollups_hourly' : 'execution_traces';
    return `SELECT ${[...dims, ...bucket, measures].join(', ')} FROM ${table} WHERE ${conditions.join(' AND ')}`;
  };

  const parts: string[] = [];
  const wholeFrom = ceilHour(query.from);
  const wholeTo = floorHour(query.to);
  if (wholeFrom < wholeTo) {
    parts.push(part('rollup', wholeFrom, wholeTo));
    if (query.from < wholeFrom) parts.push(part('traces', query.from, wholeFrom));
    if (wholeTo < query.to) parts.push(part('traces', wholeTo, query.to));
  } else if (query.from < query.to) {
    parts.push(part('traces', query.from, query.to));
  }
  if (parts.length === 0) parts.push(`${part('rollup', query.from, query.from)}`);

  const keys = [...groupBy.map((dimension) => COLUMNS[dimension]), ...(query.bucket ? ['bucket_start'] : [])];
  const measureNames = ['spend', 'traces', 'input', 'output', 'cache_read', 'cache_write', 'unsplit', 'unpriced_traces', 'unpriced_tokens'];
  const columnList = [...keys, ...measureNames].join(', ');
  const text = `
SELECT ${[...keys, 'trim_scale(sum(spend))::text AS spend_usd', 'sum(traces)::bigint AS trace_count', 'sum(input)::bigint AS input_tokens',
    'sum(output)::bigint AS output_tokens', 'sum(cache_read)::bigint AS cache_read_tokens', 'sum(cache_write)::bigint AS cache_write_tokens',
    'sum(unsplit)::bigint AS unsplit_tokens', 'sum(unpriced_traces)::bigint AS unpriced_trace_count', 'sum(unpriced_tokens)::bigint AS unpriced_tokens'].join(',\n  ')}
FROM (${parts.join('\nUNION ALL\n')}) AS spend_parts(${columnList})
${keys.length > 0 ? `GROUP BY ${keys.join(', ')}\nORDER BY ${keys.join(', ')}` : ''}`;
  return { text, values };
}

export const SPEND_COLUMNS = COLUMNS;
