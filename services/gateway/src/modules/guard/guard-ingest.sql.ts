import { orgIdLiteral } from '../../db/tenant';

/**
 * Whether the org has any guard counter, asked in the ingest transaction's first round trip after its spend-counting
 * lock was granted: no counter can be created until the transaction ends (creating one takes the lock exclusively),
 * so an org without counters may take the ingest statement without the guard's CTEs (INSERT_TRACES_UNGUARDED), which
 * saves the fixed cost of two more data-modifying CTEs (measured: about a sixth of a one-trace transaction).
 */
export function hasGuardCountersSql(orgId: string): string {
  return `SELECT EXISTS (SELECT 1 FROM guard_counters WHERE org_id = ${orgIdLiteral(orgId)}) AS has_guard_counters`;
}

/**
 * The guard's part of the ingest statement (traces.sql.ts), as CTEs over its `inserted` rows ($1 is the org):
 *
 * - `guard_consumed`: reservations named by the inserted traces (the first trace per reservation) stop holding
 *   anything; a trace's own cost is counted like any other trace's below. Reservations already released, expired or
 *   consumed are left alone, so replays and late traces count their cost exactly once.
 * - `guard_deltas`: per counter, the cost of the inserted traces in its period and agent scope, and the holds the
 *   consumed reservations release. Only counters that exist are touched: a counter created later starts from the
 *   stored spend, these traces included (its initialisation waits for this transaction; see spend-counting-lock.ts).
 * - `guard_counted`: one update per counter row (a row updated twice in one statement would keep only one change),
 *   after locking the rows in (policy_id, period_start) order, the order checks lock them in.
 *
 * An org without counters takes the statement without these CTEs (see hasGuardCountersSql): a reservation it names
 * holds on no counter, and is released at the end of its lease instead.
 */
export const GUARD_COUNTING_CTES = `
guard_consumed AS (
  UPDATE guard_reservations r
  SET status = 'consumed', held_usd = 0, trace_id = n.trace_id, ended_at = now(), updated_at = now()
  FROM (
    SELECT x.id, x.held_usd, x.policy_ids, x.period_starts, t.trace_id
    FROM guard_reservations x
    JOIN (SELECT DISTINCT ON (reservation_id) reservation_id, id AS trace_id FROM inserted
          WHERE reservation_id IS NOT NULL ORDER BY reservation_id, occurred_at, id) t ON t.reservation_id = x.id
    WHERE x.org_id = $1 AND x.status IN ('held', 'settled')
    ORDER BY x.id
    FOR UPDATE OF x
  ) n
  WHERE r.org_id = $1 AND r.id = n.id
  RETURNING n.held_usd, n.policy_ids, n.period_starts
), guard_deltas AS (
  SELECT policy_id, period_start, sum(spent_usd) AS spent_usd, sum(released_usd) AS released_usd
  FROM (
    SELECT c.policy_id, c.period_start, i.cost_usd AS spent_usd, 0 AS released_usd
    FROM inserted i
    JOIN guard_counters c ON c.org_id = $1 AND c.period_end > i.occurred_at AND c.period_start <= i.occurred_at
      AND c.agent_id IN ('', i.agent_id)
    UNION ALL
    SELECT h.policy_id, h.period_start, 0, g.held_usd
    FROM guard_consumed g CROSS JOIN unnest(g.policy_ids, g.period_starts) AS h(policy_id, period_start)
  ) AS d
  GROUP BY policy_id, period_start
), guard_locked AS (
  SELECT c.policy_id, c.period_start
  FROM guard_counters c JOIN guard_deltas d ON d.policy_id = c.policy_id AND d.period_start = c.period_start
  WHERE c.org_id = $1
  ORDER BY c.policy_id, c.period_start
  FOR UPDATE OF c
), guard_counted AS (
  UPDATE guard_counters c
  SET spent_usd = c.spent_usd + d.spent_usd, reserved_usd = c.reserved_usd - d.released_usd, updated_at = now()
  FROM guard_deltas d JOIN guard_locked l ON l.policy_id = d.policy_id AND l.period_start = d.period_start
  WHERE c.org_id = $1 AND c.policy_id = d.policy_id AND c.period_start = d.period_start
)`;
