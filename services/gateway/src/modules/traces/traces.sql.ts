// Traces and their hourly rollup are written by one statement: the rollup adds exactly the rows the insert kept
// (idempotent replays are skipped by ON CONFLICT and never counted twice), and rollup rows are locked in a fixed
// order so concurrent writers cannot deadlock.
export const INSERT_TRACES_WITH_ROLLUP = `
WITH inserted AS (
  INSERT INTO execution_traces (org_id, id, agent_id, model_id, input, output, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, unsplit_tokens, total_tokens, cost_usd, pricing_source, pricing_version,
    cost_center, project, team, occurred_at, received_at, idempotency_key, request_hash, metadata)
  SELECT $1::uuid, u.*
  FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int4[], $8::int4[], $9::int4[],
    $10::int4[], $11::int4[], $12::int4[], $13::numeric[], $14::pricing_source[], $15::text[], $16::text[],
    $17::text[], $18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::text[], $23::jsonb[]) AS u
  ON CONFLICT (org_id, idempotency_key) DO NOTHING
  RETURNING id, occurred_at, cost_center, project, team, agent_id, model_id, cost_usd, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, unsplit_tokens, total_tokens, pricing_source
), rolled_up AS (
  INSERT INTO cost_rollups_hourly AS r (org_id, hour, cost_center, project, team, agent_id, model_id, spend_usd,
    trace_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens,
    unpriced_trace_count, unpriced_tokens)
  SELECT $1::uuid, date_trunc('hour', occurred_at, 'UTC'), coalesce(cost_center, ''), coalesce(project, ''),
    coalesce(team, ''), agent_id, model_id, sum(cost_usd), count(*), sum(input_tokens), sum(output_tokens),
    sum(cache_read_tokens), sum(cache_write_tokens), sum(unsplit_tokens),
    count(*) FILTER (WHERE pricing_source = 'unpriced'),
    coalesce(sum(total_tokens) FILTER (WHERE pricing_source = 'unpriced'), 0)
  FROM inserted
  GROUP BY 2, 3, 4, 5, 6, 7
  ORDER BY 2, 3, 4, 5, 6, 7
  ON CONFLICT (org_id, hour, cost_center, project, team, agent_id, model_id) DO UPDATE SET
    spend_usd = r.spend_usd + EXCLUDED.spend_usd,
    trace_count = r.trace_count + EXCLUDED.trace_count,
    input_tokens = r.input_tokens + EXCLUDED.input_tokens,
    output_tokens = r.output_tokens + EXCLUDED.output_tokens,
    cache_read_tokens = r.cache_read_tokens + EXCLUDED.cache_read_tokens,
    cache_write_tokens = r.cache_write_tokens + EXCLUDED.cache_write_tokens,
    unsplit_tokens = r.unsplit_tokens + EXCLUDED.unsplit_tokens,
    unpriced_trace_count = r.unpriced_trace_count + EXCLUDED.unpriced_trace_count,
    unpriced_tokens = r.unpriced_tokens + EXCLUDED.unpriced_tokens,
    updated_at = now()
)
SELECT id FROM inserted`;

export const SELECT_BY_IDEMPOTENCY_KEYS = `
SELECT id, idempotency_key, request_hash, trim_scale(cost_usd)::text AS cost_usd, pricing_source, pricing_version, total_tokens,
  occurred_at, received_at
FROM execution_traces
WHERE org_id = $1::uuid AND idempotency_key = ANY($2::text[])`;

export const SET_TENANT_ORG = `SELECT set_config('app.org_id', $1, true)`;
