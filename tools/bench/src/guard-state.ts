/**
 * The org's stored trace spend ($1) next to what its org-wide guard policy has counted (its counters plus the deltas
 * ingest left that no check folded in yet): after a bench run they must be equal to the last decimal.
 */
export const STORED_AND_COUNTED_SQL = `
SELECT (SELECT trim_scale(sum(cost_usd))::text FROM execution_traces WHERE org_id = $1) AS stored,
       (SELECT trim_scale(sum(amount))::text FROM (
          SELECT c.spent_usd AS amount FROM guard_counters c JOIN guard_policies p ON p.org_id = c.org_id AND p.id = c.policy_id
          WHERE c.org_id = $1 AND p.scope = 'org'
          UNION ALL
          SELECT d.spent_usd FROM guard_counter_deltas d JOIN guard_policies p ON p.org_id = d.org_id AND p.id = d.policy_id
          WHERE d.org_id = $1 AND p.scope = 'org') AS org_policy) AS counted`;
