/**
 * Bringing locked counters up to date, shared by checks and the sweep. Given an `expired` CTE (reservation ids whose
 * lease is over) and a `wanted` CTE (counter keys to lock, the expired reservations' included), it locks the wanted
 * counters in (policy_id, period_start) order, then:
 *
 * - `released`: marks the expired reservations, skipping any another transaction holds (a trace consuming it or a
 *   settle; they release the hold themselves); `freed` sums what each counter is freed of;
 * - `folded`: takes the deltas ingest left for the locked counters (guard-ingest.sql.ts); a delta committed after this
 *   statement began is folded by the next one, and one another check folded meanwhile is gone when this one gets the
 *   lock (a concurrently deleted row is skipped), so each delta is folded exactly once.
 *
 * The scalar subquery makes the reservation updates wait until every counter is locked: counters are always locked
 * before reservations here, and reservations before counters only by settles, which never wait for a reservation a
 * check holds (checks skip locked ones), so the two orders cannot deadlock. Ingest locks no counter at all.
 *
 * $1 is the org, $3 the instant the leases are judged at. `caught_up` has one row per locked counter: what the
 * counter's spent and reserved amounts must change by (the caller writes it) and what they are after that.
 */
const CATCH_UP_CTES = `
locked AS (
  SELECT c.policy_id, c.period_start, c.spent_usd, c.reserved_usd
  FROM guard_counters c JOIN wanted w ON w.policy_id = c.policy_id AND w.period_start = c.period_start
  WHERE c.org_id = $1
  ORDER BY c.policy_id, c.period_start
  FOR UPDATE OF c
),
released AS (
  UPDATE guard_reservations r SET status = 'expired', held_usd = 0, ended_at = $3, updated_at = now()
  FROM (
    SELECT x.id, x.held_usd, x.policy_ids, x.period_starts FROM guard_reservations x
    WHERE x.org_id = $1 AND x.id IN (SELECT id FROM expired) AND x.status IN ('held', 'settled') AND x.expires_at <= $3
      AND (SELECT count(*) FROM locked) >= 0
    ORDER BY x.id
    FOR UPDATE SKIP LOCKED
  ) e
  WHERE r.org_id = $1 AND r.id = e.id
  RETURNING e.held_usd, e.policy_ids, e.period_starts
),
freed AS (
  SELECT h.policy_id, h.period_start, sum(rel.held_usd) AS amount
  FROM released rel CROSS JOIN unnest(rel.policy_ids, rel.period_starts) AS h(policy_id, period_start)
  GROUP BY h.policy_id, h.period_start
),
folded AS (
  DELETE FROM guard_counter_deltas d USING locked l
  WHERE d.org_id = $1 AND d.policy_id = l.policy_id AND d.period_start = l.period_start
  RETURNING d.policy_id, d.period_start, d.spent_usd, d.released_usd
),
folded_sums AS (
  SELECT policy_id, period_start, sum(spent_usd) AS spent_usd, sum(released_usd) AS released_usd
  FROM folded GROUP BY policy_id, period_start
),
caught_up AS (
  SELECT l.policy_id, l.period_start,
    coalesce(s.spent_usd, 0) AS spent_delta,
    -coalesce(s.released_usd, 0) - coalesce(f.amount, 0) AS reserved_delta,
    l.spent_usd + coalesce(s.spent_usd, 0) AS spent_usd,
    l.reserved_usd - coalesce(s.released_usd, 0) - coalesce(f.amount, 0) AS reserved_usd
  FROM locked l
  LEFT JOIN freed f ON f.policy_id = l.policy_id AND f.period_start = l.period_start
  LEFT JOIN folded_sums s ON s.policy_id = l.policy_id AND s.period_start = l.period_start
)`;

const expiredHoldsOf = (source: string) =>
  `SELECT h.policy_id, h.period_start FROM ${source} e CROSS JOIN unnest(e.policy_ids, e.period_starts) AS h(policy_id, period_start)`;

/**
 * The first statement of a check: the org's policies that apply to the batch's agents ($2) with their counters for
 * the current periods ($4 types, $5 starts, $6 ends), locked and caught up (expired holds released, ingest's deltas
 * folded; $3 is now). One row per counter key: applicable policies (scope set; `counted` false when the period has
 * no counter yet) and counters only an expired reservation touched (scope null). spent_usd and reserved_usd are the
 * caught-up amounts; spent_delta and reserved_delta are what the write statement must still apply to the row.
 */
export const LOCK_CHECK_COUNTERS = `
WITH periods AS (
  SELECT * FROM unnest($4::guard_period_type[], $5::timestamptz[], $6::timestamptz[]) AS p(period_type, period_start, period_end)
),
applicable AS (
  SELECT p.id AS policy_id, p.scope, p.agent_id, p.limit_usd, p.period_type, p.fail_mode, pe.period_start, pe.period_end
  FROM guard_policies p JOIN periods pe ON pe.period_type = p.period_type
  WHERE p.org_id = $1 AND (p.scope = 'org' OR p.agent_id = ANY($2::text[]))
),
expired AS (
  SELECT r.id, r.policy_ids, r.period_starts FROM guard_reservations r
  WHERE r.org_id = $1 AND r.status IN ('held', 'settled') AND r.expires_at <= $3
    AND r.policy_ids && ARRAY(SELECT policy_id FROM applicable)
),
wanted AS (
  SELECT policy_id, period_start FROM applicable
  UNION
  ${expiredHoldsOf('expired')}
),
${CATCH_UP_CTES.trim()}
SELECT w.policy_id, w.period_start, a.scope, NULLIF(a.agent_id, '') AS agent_id, trim_scale(a.limit_usd)::text AS limit_usd,
  a.period_type, a.fail_mode, a.period_end, u.policy_id IS NOT NULL AS counted,
  trim_scale(u.spent_usd)::text AS spent_usd, trim_scale(u.reserved_usd)::text AS reserved_usd,
  trim_scale(coalesce(u.spent_delta, 0))::text AS spent_delta, trim_scale(coalesce(u.reserved_delta, 0))::text AS reserved_delta
FROM wanted w
LEFT JOIN applicable a ON a.policy_id = w.policy_id AND a.period_start = w.period_start
LEFT JOIN caught_up u ON u.policy_id = w.policy_id AND u.period_start = w.period_start
ORDER BY w.policy_id, w.period_start`;

/**
 * The second statement of a check, on rows the first one locked: each counter's spent and reserved amounts change by
 * their deltas ($2 policy, $3 period start, $4 spent delta, $5 reserved delta: folded, freed and new holds), and the
 * allowed checks' reservations are inserted ($6 ids, $7 agents, $8 estimates; their holds as $9 reservation, $10
 * policy, $11 period start; $12 expiry).
 */
export const WRITE_CHECK_RESULTS = `
WITH counters AS (
  UPDATE guard_counters c SET spent_usd = c.spent_usd + d.spent, reserved_usd = c.reserved_usd + d.reserved, updated_at = now()
  FROM unnest($2::uuid[], $3::timestamptz[], $4::numeric[], $5::numeric[]) AS d(policy_id, period_start, spent, reserved)
  WHERE c.org_id = $1 AND c.policy_id = d.policy_id AND c.period_start = d.period_start
),
holds AS (
  SELECT reservation_id, array_agg(policy_id ORDER BY position) AS policy_ids, array_agg(period_start ORDER BY position) AS period_starts
  FROM unnest($9::uuid[], $10::uuid[], $11::timestamptz[]) WITH ORDINALITY AS h(reservation_id, policy_id, period_start, position)
  GROUP BY reservation_id
)
INSERT INTO guard_reservations (org_id, id, agent_id, estimate_usd, held_usd, status, policy_ids, period_starts, expires_at)
SELECT $1, r.id, r.agent_id, r.estimate, r.estimate, 'held', h.policy_ids, h.period_starts, $12
FROM unnest($6::uuid[], $7::text[], $8::numeric[]) AS r(id, agent_id, estimate)
JOIN holds h ON h.reservation_id = r.id`;

/**
 * The sweep, per org: catches up to $2 counters with expired holds or pending deltas ($3 is now; deltas older than
 * $4 only, fresher ones are left to the counters' next checks) and writes the result; drops deltas whose counter is
 * gone (its policy was deleted).
 */
export const SWEEP_COUNTERS = `
WITH expired AS (
  SELECT r.id, r.policy_ids, r.period_starts FROM guard_reservations r
  WHERE r.org_id = $1 AND r.status IN ('held', 'settled') AND r.expires_at <= $3
  ORDER BY r.expires_at
  LIMIT $2
),
wanted AS (
  ${expiredHoldsOf('expired')}
  UNION
  (SELECT DISTINCT policy_id, period_start FROM guard_counter_deltas WHERE org_id = $1 AND created_at < $4 LIMIT $2)
),
${CATCH_UP_CTES.trim()},
written AS (
  UPDATE guard_counters c SET spent_usd = u.spent_usd, reserved_usd = u.reserved_usd, updated_at = now()
  FROM caught_up u
  WHERE c.org_id = $1 AND c.policy_id = u.policy_id AND c.period_start = u.period_start
),
orphans AS (
  DELETE FROM guard_counter_deltas d
  WHERE d.org_id = $1 AND NOT EXISTS (
    SELECT 1 FROM guard_counters c WHERE c.org_id = d.org_id AND c.policy_id = d.policy_id AND c.period_start = d.period_start)
)
SELECT (SELECT count(*)::int FROM released) AS released, (SELECT count(*)::int FROM folded) AS folded`;

/** Every policy of the org, for deciding without the database later (guard-policy-memory.ts). */
export const SELECT_REMEMBERED_POLICIES = `
SELECT id, scope, NULLIF(agent_id, '') AS agent_id, period_type, fail_mode, trim_scale(limit_usd)::text AS limit_usd
FROM guard_policies WHERE org_id = $1`;

/**
 * New counters ($2 policy, $3 period start, $4 period end, $5 agent or '', $6 spend already stored), for policies
 * that still exist; a counter another gateway created meanwhile is kept (it was initialised the same way).
 */
export const INSERT_COUNTERS = `
INSERT INTO guard_counters (org_id, policy_id, period_start, period_end, agent_id, spent_usd, reserved_usd)
SELECT $1, u.policy_id, u.period_start, u.period_end, u.agent_id, u.spent_usd, 0
FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::numeric[]) AS u(policy_id, period_start, period_end, agent_id, spent_usd)
WHERE EXISTS (SELECT 1 FROM guard_policies p WHERE p.org_id = $1 AND p.id = u.policy_id)
ON CONFLICT (org_id, policy_id, period_start) DO NOTHING`;
