/**
 * Releasing expired holds, shared by checks and the sweep. Given an `expired` CTE (reservation ids whose lease is
 * over) and a `wanted` CTE (counter keys to lock, the expired reservations' included), it locks the wanted counters in
 * (policy_id, period_start) order, then marks the expired reservations, skipping any another transaction holds (a
 * trace consuming it or a settle; they release the hold themselves), and sums what each counter is freed of. The
 * scalar subquery makes the reservation updates wait until every counter is locked: counters are always locked
 * before reservations here, and reservations before counters only by transactions that never wait for a reservation
 * lock held by a check (ingest, settle), so the two orders cannot deadlock.
 *
 * $1 is the org, $3 the instant the leases are judged at.
 */
const RELEASE_EXPIRED_CTES = `
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
)`;

const expiredHoldsOf = (source: string) =>
  `SELECT h.policy_id, h.period_start FROM ${source} e CROSS JOIN unnest(e.policy_ids, e.period_starts) AS h(policy_id, period_start)`;

/**
 * The first statement of a check: the org's policies that apply to the batch's agents ($2) with their counters for
 * the current periods ($4 types, $5 starts, $6 ends), locked; expired holds on them released ($3 is now). One row
 * per counter key: applicable policies (scope set; `counted` false when the period has no counter yet) and counters
 * only an expired reservation touched (scope null). reserved_usd is net of what was freed; freed_usd is what the
 * write statement must still take off the row.
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
${RELEASE_EXPIRED_CTES.trim()}
SELECT w.policy_id, w.period_start, a.scope, NULLIF(a.agent_id, '') AS agent_id, trim_scale(a.limit_usd)::text AS limit_usd,
  a.period_type, a.fail_mode, a.period_end, l.policy_id IS NOT NULL AS counted, trim_scale(l.spent_usd)::text AS spent_usd,
  trim_scale(l.reserved_usd - coalesce(f.amount, 0))::text AS reserved_usd, trim_scale(coalesce(f.amount, 0))::text AS freed_usd
FROM wanted w
LEFT JOIN applicable a ON a.policy_id = w.policy_id AND a.period_start = w.period_start
LEFT JOIN locked l ON l.policy_id = w.policy_id AND l.period_start = w.period_start
LEFT JOIN freed f ON f.policy_id = w.policy_id AND f.period_start = w.period_start
ORDER BY w.policy_id, w.period_start`;

/**
 * The second statement of a check, on rows the first one locked: each counter's reserved amount changes by its delta
 * ($2 policy, $3 period start, $4 delta: new holds minus freed ones), and the allowed checks' reservations are
 * inserted ($5 ids, $6 agents, $7 estimates; their holds as $8 reservation, $9 policy, $10 period start; $11 expiry).
 */
export const WRITE_CHECK_RESULTS = `
WITH counters AS (
  UPDATE guard_counters c SET reserved_usd = c.reserved_usd + d.delta, updated_at = now()
  FROM unnest($2::uuid[], $3::timestamptz[], $4::numeric[]) AS d(policy_id, period_start, delta)
  WHERE c.org_id = $1 AND c.policy_id = d.policy_id AND c.period_start = d.period_start
),
holds AS (
  SELECT reservation_id, array_agg(policy_id ORDER BY position) AS policy_ids, array_agg(period_start ORDER BY position) AS period_starts
  FROM unnest($8::uuid[], $9::uuid[], $10::timestamptz[]) WITH ORDINALITY AS h(reservation_id, policy_id, period_start, position)
  GROUP BY reservation_id
)
INSERT INTO guard_reservations (org_id, id, agent_id, estimate_usd, held_usd, status, policy_ids, period_starts, expires_at)
SELECT $1, r.id, r.agent_id, r.estimate, r.estimate, 'held', h.policy_ids, h.period_starts, $11
FROM unnest($5::uuid[], $6::text[], $7::numeric[]) AS r(id, agent_id, estimate)
JOIN holds h ON h.reservation_id = r.id`;

/** The sweep: releases up to $2 expired reservations of the org ($3 is now) and takes their holds off the counters. */
export const RELEASE_EXPIRED = `
WITH expired AS (
  SELECT r.id, r.policy_ids, r.period_starts FROM guard_reservations r
  WHERE r.org_id = $1 AND r.status IN ('held', 'settled') AND r.expires_at <= $3
  ORDER BY r.expires_at
  LIMIT $2
),
wanted AS (
  ${expiredHoldsOf('expired')}
),
${RELEASE_EXPIRED_CTES.trim()},
counted AS (
  UPDATE guard_counters c SET reserved_usd = c.reserved_usd - f.amount, updated_at = now()
  FROM freed f
  WHERE c.org_id = $1 AND c.policy_id = f.policy_id AND c.period_start = f.period_start
)
SELECT count(*)::int AS released FROM released`;

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
