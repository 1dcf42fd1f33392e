/**
 * For the ingest statement of orgs believed to have no guard counters (insertTracesStatement(false, …), which saves the fixed
 * cost of the guard's data-modifying CTEs, about a sixth of a one-trace transaction): whether the org has none after
 * all. The statement inserts nothing when it has (and says so), and the gateway runs the counting statement instead,
 * in the same transaction. Its snapshot is taken after the transaction's spend-counting lock was granted, and no
 * counter can be created while the lock is held, so the answer holds until commit.
 */
export const GUARD_ABSENT_CTE = `guard_absent AS (SELECT NOT EXISTS (SELECT 1 FROM guard_counters WHERE org_id = $1) AS absent)`;

/**
 * The guard's part of the ingest statement (traces.sql.ts), as CTEs over its `inserted` rows ($1 is the org):
 *
 * - `guard_consumed`: reservations named by the inserted traces (the first trace per reservation) stop holding
 *   anything; a trace's own cost is counted like any other trace's below. Reservations already released, expired or
 *   consumed are left alone, so replays and late traces count their cost exactly once.
 * - `guard_deltas`: per counter, the cost of the inserted traces in its period and agent scope, and the holds the
 *   consumed reservations release. Only counters that exist get deltas: a counter created later starts from the
 *   stored spend, these traces included (its initialisation waits for this transaction; see spend-counting-lock.ts).
 * - `guard_recorded`: the deltas as rows of guard_counter_deltas, not updates of the counters: ingest takes no
 *   counter lock, so it never waits for a check and a check never waits for an ingest's commit (a counter row updated
 *   by every trace of a busy org would serialise that org's ingest transactions and checks behind each WAL flush).
 *   The next check of a counter folds its deltas in under the counter's lock (guard-counters.sql.ts).
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
), guard_recorded AS (
  INSERT INTO guard_counter_deltas (org_id, policy_id, period_start, spent_usd, released_usd)
  SELECT $1, policy_id, period_start, spent_usd, released_usd FROM guard_deltas
  WHERE spent_usd <> 0 OR released_usd <> 0
)`;
