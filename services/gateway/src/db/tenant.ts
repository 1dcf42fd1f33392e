import type { DbClient, DbPool } from './pool';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statement that makes a transaction tenant-scoped: row-level security applies (role finops_app has no
 * BYPASSRLS) and the policies see this org. The id is checked against the UUID grammar before it is inlined, so
 * the three statements travel in one round trip.
 */
export function tenantPreamble(orgId: string): string {
  if (!UUID_PATTERN.test(orgId)) throw new Error('tenant transaction needs an org UUID');
  return `SET LOCAL ROLE finops_app; SELECT set_config('app.org_id', '${orgId}', true)`;
}

/** Runs `work` in a transaction scoped to one org; commits when it resolves, rolls back when it throws. */
export async function inTenantTransaction<T>(pool: DbPool, orgId: string, work: (client: DbClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; ${tenantPreamble(orgId)}`);
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
