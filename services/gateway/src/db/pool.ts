import pg from 'pg';

export type DbPool = pg.Pool;
export type DbClient = pg.PoolClient;

export interface PoolOptions {
  /**
   * Sends a client's queries without waiting for the previous answer (pg's pipeline mode), so a transaction's
   * statements that do not depend on each other share one round trip. Only for code written for it (the guard).
   */
  pipeline?: boolean;
}

export function createPool(connectionString: string, max: number, applicationName = 'finops-gateway', options: PoolOptions = {}): DbPool {
  return new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    pipeline: options.pipeline ?? false,
    // Prisma's pg adapter exchanges timestamps without an offset, so the session's zone decides what they mean; the
    // server's default zone is the host's (initdb copies TZ), which must never shift a UTC period or day.
    options: '-c TimeZone=UTC',
    // A stuck query must not hold a request (and a pool slot) forever.
    statement_timeout: 30_000,
    connectionTimeoutMillis: 10_000,
  });
}

export async function pingDatabase(pool: DbPool): Promise<void> {
  await pool.query('SELECT 1');
}
