import type { DbClient, DbPool } from './pool';
import { spendCountingLockSql } from './spend-counting-lock';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantTransactionOptions {
  /** Holds the org's spend-counting lock shared (every transaction that stores traces; see spend-counting-lock.ts). */
  countsSpend?: boolean;
  /**
   * Commits without waiting for the WAL flush (`synchronous_commit = off`): for guard checks, whose row locks are
   * released at commit, so a flush wait would serialise every check of an org behind the disk.
   */
  asyncCommit?: boolean;
  /**
   * Plans prepared statements once per connection (`plan_cache_mode = force_generic_plan`), for hot statements whose
   * best plan does not depend on their parameters (arrays of rows, ids): left to itself, PostgreSQL's plan cache
   * keeps re-planning them on every execution when a custom plan looks cheaper for the array size at hand, and
   * planning a statement of several CTEs costs more than running it for one row.
   */
  genericPlans?: boolean;
}

/** The org id as an SQL literal, after checking it against the UUID grammar (so it can be inlined safely). */
export function orgIdLiteral(orgId: string): string {
  if (!UUID_PATTERN.test(orgId)) throw new Error('tenant transaction needs an org UUID');
  return `'${orgId}'`;
}

/**
 * The statements that make a transaction tenant-scoped: row-level security applies (role finops_app has no
 * BYPASSRLS) and the policies see this org. The id is checked against the UUID grammar before it is inlined, so
 * the statements travel in one round trip.
 */
export function tenantPreamble(orgId: string, options: TenantTransactionOptions = {}): string {
  const org = orgIdLiteral(orgId);
  // Settings and the lock go into the one SELECT (one statement fewer to parse on hot paths); the role cannot.
  const extras = [
    options.asyncCommit ? `set_config('synchronous_commit', 'off', true)` : undefined,
    options.genericPlans ? `set_config('plan_cache_mode', 'force_generic_plan', true)` : undefined,
    options.countsSpend ? spendCountingLockSql(org, 'shared') : undefined,
  ].filter((extra) => extra !== undefined);
  return `SET LOCAL ROLE finops_app; SELECT ${[`set_config('app.org_id', ${org}, true)`, ...extras].join(', ')}`;
}

/** Runs `work` in a transaction scoped to one org; commits when it resolves, rolls back when it throws. */
export async function inTenantTransaction<T>(
  pool: DbPool,
  orgId: string,
  work: (client: DbClient) => Promise<T>,
  options: TenantTransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; ${tenantPreamble(orgId, options)}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
