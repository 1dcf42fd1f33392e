import { spendCountingLockSql } from '../../db/spend-counting-lock';
import type { TenantTransactionOptions } from '../../db/tenant';
import { GUARD_ABSENT_CTE, GUARD_COUNTING_CTES } from '../guard/guard-ingest.sql';

// Per-trace measures a rollup row adds up, as (rollup column, aggregate over the inserted rows).
const ROLLUP_MEASURES: [string, string][] = [
  ['spend_usd', 'sum(cost_usd)'],
  ['trace_count', 'count(*)'],
  ['input_tokens', 'sum(input_tokens)'],
  ['output_tokens', 'sum(output_tokens)'],
  ['cache_read_tokens', 'sum(cache_read_tokens)'],
  ['cache_write_tokens', 'sum(cache_write_tokens)'],
  ['unsplit_tokens', 'sum(unsplit_tokens)'],
  ['unpriced_trace_count', `count(*) FILTER (WHERE pricing_source = 'unpriced')`],
  ['unpriced_tokens', `coalesce(sum(total_tokens) FILTER (WHERE pricing_source = 'unpriced'), 0)`],
];

/**
 * Adds the inserted traces onto one rollup table: grouped by the UTC `unit` they occurred in and by `keys`
 * (untagged as '' so the key stays non-null), locking rows in key order.
 */
function rollupUpsert(table: string, timeColumn: string, unit: 'hour' | 'day', keys: { column: string; value: string }[]): string {
  const keyColumns = [timeColumn, ...keys.map((key) => key.column)];
  const positions = keyColumns.map((_, index) => index + 2).join(', ');
  return `
  INSERT INTO ${table} AS r (org_id, ${keyColumns.join(', ')}, ${ROLLUP_MEASURES.map(([column]) => column).join(', ')})
  SELECT $1::uuid, date_trunc('${unit}', occurred_at, 'UTC'), ${keys.map((key) => key.value).join(', ')},
    ${ROLLUP_MEASURES.map(([, aggregate]) => aggregate).join(', ')}
  FROM inserted
  GROUP BY ${positions}
  ORDER BY ${positions}
  ON CONFLICT (org_id, ${keyColumns.join(', ')}) DO UPDATE SET
    ${ROLLUP_MEASURES.map(([column]) => `${column} = r.${column} + EXCLUDED.${column}`).join(',\n    ')},
    updated_at = now()`;
}

const ATTRIBUTION_KEYS = [
  { column: 'cost_center', value: `coalesce(cost_center, '')` },
  { column: 'project', value: `coalesce(project, '')` },
  { column: 'team', value: `coalesce(team, '')` },
  { column: 'agent_id', value: 'agent_id' },
  { column: 'model_id', value: 'model_id' },
];

// Traces, their hourly and daily rollups and the guard's counter deltas are written by one statement: they add exactly
// the rows the insert kept (idempotent replays are skipped by ON CONFLICT and never counted twice), and rollup rows
// are locked in a fixed order so concurrent writers cannot deadlock. The daily rollup also keys on the pricing source.
function insertTraces(guardCounting: boolean, idempotencyKeys: boolean): string {
  return `
WITH ${guardCounting ? '' : `${GUARD_ABSENT_CTE}, `}inserted AS (
  INSERT INTO execution_traces (org_id, id, agent_id, model_id, input, output, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, unsplit_tokens, total_tokens, cost_usd, pricing_source, pricing_version,
    cost_center, project, team, occurred_at, received_at, idempotency_key, request_hash, metadata, reservation_id)
  SELECT $1::uuid, u.*
  FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int4[], $8::int4[], $9::int4[],
    $10::int4[], $11::int4[], $12::int4[], $13::numeric[], $14::pricing_source[], $15::text[], $16::text[],
    $17::text[], $18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::text[], $23::jsonb[], $24::uuid[]) AS u
  ${guardCounting ? '' : 'WHERE (SELECT absent FROM guard_absent)'}
  ${idempotencyKeys ? 'ON CONFLICT (org_id, idempotency_key) DO NOTHING' : ''}
  RETURNING id, occurred_at, cost_center, project, team, agent_id, model_id, cost_usd, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, unsplit_tokens, total_tokens, pricing_source, reservation_id
), rolled_up AS (${rollupUpsert('cost_rollups_hourly', 'hour', 'hour', ATTRIBUTION_KEYS)}
), rolled_up_daily AS (${rollupUpsert('cost_rollups_daily', 'day', 'day', [...ATTRIBUTION_KEYS, { column: 'pricing_source', value: 'pricing_source' }])}
)${guardCounting ? `, ${GUARD_COUNTING_CTES.trim()}` : ''}
SELECT id FROM inserted${guardCounting ? '' : '\nUNION ALL SELECT NULL FROM guard_absent WHERE NOT absent'}`;
}

export interface TracesInsertStatement {
  name: string;
  text: string;
}

const statements = new Map<string, TracesInsertStatement>();

/**
 * The insert statement for one org's traces. `guardCounting`: with the guard's CTEs (the org has guard counters);
 * without them, the statement inserts nothing and answers one row with a null id when the org has counters after all
 * (GUARD_ABSENT_CTE). `idempotencyKeys`: with ON CONFLICT on the key; when no trace carries a key, ids are fresh random
 * UUIDs, nothing can conflict, and skipping ON CONFLICT's speculative insertion makes the statement about 14% cheaper.
 */
export function insertTracesStatement(guardCounting: boolean, idempotencyKeys: boolean): TracesInsertStatement {
  const name = `traces-insert${guardCounting ? '-guarded' : '-unguarded'}${idempotencyKeys ? '' : '-without-keys'}`;
  let statement = statements.get(name);
  if (!statement) {
    statement = { name, text: insertTraces(guardCounting, idempotencyKeys) };
    statements.set(name, statement);
  }
  return statement;
}

export const SELECT_BY_IDEMPOTENCY_KEYS = `
SELECT id, idempotency_key, request_hash, trim_scale(cost_usd)::text AS cost_usd, pricing_source, pricing_version, total_tokens,
  occurred_at, received_at
FROM execution_traces
WHERE org_id = $1::uuid AND idempotency_key = ANY($2::text[])`;

/** Re-scopes a group-commit transaction to the next org, taking that org's spend-counting lock like the first. */
export const SET_TENANT_ORG = `SELECT set_config('app.org_id', $1, true), ${spendCountingLockSql('$1', 'shared')}`;

/**
 * How every transaction that stores traces runs: holding the spend-counting lock of its orgs (shared) from its first
 * round trip on, with the insert statements planned once per connection (see TenantTransactionOptions).
 */
export const TRACES_TRANSACTION: TenantTransactionOptions = { countsSpend: true, genericPlans: true };
