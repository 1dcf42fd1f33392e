import { DAY_MS } from '@finops/contracts';
import type pg from 'pg';

/**
 * Spend for one org at a realistic shape, seeded with SQL rather than millions of HTTP calls: 40 agents,
 * each tied to one cost center (8), project (12) and team (6), using 2 or 3 models — 100 combinations active every
 * hour. Every day but the last goes straight into the hourly and daily rollups; the last day is real
 * execution_traces rows rolled up from themselves, as ingest would.
 */
export interface SeededSpend {
  traces: number;
  dailyRollupRows: number;
}

const COMBOS = `
  SELECT 'agent-' || lpad(a::text, 2, '0') AS agent_id, 'cc-' || (a % 8) AS cost_center, 'project-' || (a % 12) AS project,
         'team-' || (a % 6) AS team, (ARRAY['claude-sonnet-4-6', 'gpt-4o', 'gpt-4o-mini'])[m + 1] AS model_id
  FROM generate_series(0, 39) a CROSS JOIN generate_series(0, 2) m WHERE m < 2 + (a % 2)`;
const COMBINATIONS = 100;
const MEASURES = 'spend_usd, trace_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens, unpriced_trace_count, unpriced_tokens';
const KEYS = 'cost_center, project, team, agent_id, model_id';

/** Spend over `days` whole UTC days from `from`, `traces` traces' worth in all (the last day as real traces). */
export async function seedDays(pool: pg.Pool, orgId: string, from: Date, days: number, traces: number): Promise<SeededSpend> {
  const monthStart = from.toISOString();
  const lastDayStart = new Date(from.getTime() + (days - 1) * DAY_MS).toISOString();
  const perRow = Math.max(1, Math.floor(traces / (days * 24 * COMBINATIONS)));
  await pool.query(
    `INSERT INTO cost_rollups_hourly (org_id, hour, ${KEYS}, ${MEASURES})
     SELECT $1, h, c.cost_center, c.project, c.team, c.agent_id, c.model_id, round((random() * 0.02)::numeric * $2, 12), $2,
            $2 * 1200, $2 * 300, $2 * 100, 0, 0, 0, 0
     FROM generate_series($3::timestamptz, $4::timestamptz - interval '1 hour', interval '1 hour') h CROSS JOIN (${COMBOS}) c`,
    [orgId, perRow, monthStart, lastDayStart],
  );
  await pool.query(
    `INSERT INTO execution_traces (org_id, id, agent_id, model_id, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
       unsplit_tokens, total_tokens, cost_usd, pricing_source, cost_center, project, team, occurred_at, received_at)
     SELECT $1, gen_random_uuid(), c.agent_id, c.model_id, 1200, 300, 100, 0, 0, 1600, round((random() * 0.02)::numeric, 12), 'catalog',
            c.cost_center, c.project, c.team, t, t
     FROM (SELECT $2::timestamptz + (i * interval '86400 seconds') / $3 AS t, i FROM generate_series(0, $3 - 1) i) s
     CROSS JOIN LATERAL (SELECT * FROM (${COMBOS}) c OFFSET s.i % ${COMBINATIONS} LIMIT 1) c`,
    [orgId, lastDayStart, perRow * 24 * COMBINATIONS],
  );
  await pool.query(
    `INSERT INTO cost_rollups_hourly (org_id, hour, ${KEYS}, ${MEASURES})
     SELECT org_id, date_trunc('hour', occurred_at, 'UTC'), ${KEYS}, sum(cost_usd), count(*), sum(input_tokens), sum(output_tokens),
       sum(cache_read_tokens), sum(cache_write_tokens), sum(unsplit_tokens), 0, 0
     FROM execution_traces WHERE org_id = $1 GROUP BY org_id, 2, ${KEYS}`,
    [orgId],
  );
  await pool.query(
    `INSERT INTO cost_rollups_daily (org_id, day, ${KEYS}, pricing_source, ${MEASURES})
     SELECT org_id, date_trunc('day', hour, 'UTC'), ${KEYS}, 'catalog', ${MEASURES.split(', ').map((m) => `sum(${m})`).join(', ')}
     FROM cost_rollups_hourly WHERE org_id = $1 AND hour >= $2::timestamptz AND hour < $3::timestamptz + interval '1 day' GROUP BY org_id, 2, ${KEYS}`,
    [orgId, monthStart, lastDayStart],
  );
  const { rows } = await pool.query<{ n: string; rows: number }>(
    'SELECT sum(trace_count)::bigint AS n, count(*)::int AS rows FROM cost_rollups_daily WHERE org_id = $1 AND day >= $2::timestamptz AND day <= $3::timestamptz',
    [orgId, monthStart, lastDayStart],
  );
  return { traces: Number(rows[0]!.n), dailyRollupRows: rows[0]!.rows };
}

/** Lets seeding's writes settle, so timings measure the system, not autovacuum or a checkpoint. */
export async function settle(pool: pg.Pool): Promise<void> {
  for (const table of ['cost_rollups_hourly', 'cost_rollups_daily', 'execution_traces']) await pool.query(`VACUUM ANALYZE ${table}`);
  await pool.query('CHECKPOINT').catch(() => undefined);
}

/** Calendar month `YYYY-MM` as (first day, number of days). */
export function monthDays(month: string): { from: Date; days: number } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return { from: new Date(Date.UTC(year, index, 1)), days: new Date(Date.UTC(year, index + 1, 0)).getUTCDate() };
}
