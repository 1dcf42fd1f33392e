import pg from 'pg';

export type DbPool = pg.Pool;
export type DbClient = pg.PoolClient;

export function createPool(connectionString: string, max: number, applicationName = 'finops-gateway'): DbPool {
  return new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    // A stuck query must not hold a request (and a pool slot) forever.
    statement_timeout: 30_000,
    connectionTimeoutMillis: 10_000,
  });
}

export async function pingDatabase(pool: DbPool): Promise<void> {
  await pool.query('SELECT 1');
}
