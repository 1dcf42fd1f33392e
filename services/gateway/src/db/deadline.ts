import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { DbClient, DbPool } from './pool';

/** The database did not answer before a deadline; the work was abandoned (see isDatabaseUnavailable). */
export class DatabaseDeadlineError extends Error {
  readonly code = 'DEADLINE_EXCEEDED';

  constructor(what: string) {
    super(`${what} did not finish before its deadline`);
  }
}

/** What runs SQL: a pool client, or one bounded by a deadline (runnerBefore). */
export interface SqlRunner {
  query<R extends QueryResultRow = QueryResultRow>(sql: QueryConfig): Promise<QueryResult<R>>;
}

const remainingMs = (deadlineAt: number) => Math.floor(deadlineAt - performance.now());

/**
 * pool.connect() that gives up at `deadlineAt` (a performance.now() instant). A connection that arrives later goes
 * straight back to the pool, so an unreachable database costs callers the deadline, never the pool's own 10 s.
 */
export function connectBefore(pool: DbPool, deadlineAt: number): Promise<DbClient> {
  const waitMs = remainingMs(deadlineAt);
  if (waitMs <= 0) return Promise.reject(new DatabaseDeadlineError('Connecting to the database'));
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new DatabaseDeadlineError('Connecting to the database'));
    }, waitMs);
    pool.connect().then(
      (client) => {
        clearTimeout(timer);
        if (settled) client.release();
        else resolve(client);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!settled) reject(error);
      },
    );
  });
}

/**
 * Runs queries on `client` with pg's client-side read timeout set to what is left until `deadlineAt`: a query the
 * server (or the network) does not answer in time fails with a DatabaseDeadlineError. The connection is then in an
 * unknown state, so callers release it with the error (the pool closes it) rather than reuse it.
 */
export function runnerBefore(client: DbClient, deadlineAt: number): SqlRunner {
  return {
    async query<R extends QueryResultRow>(sql: QueryConfig): Promise<QueryResult<R>> {
      const timeoutMs = remainingMs(deadlineAt);
      if (timeoutMs <= 0) throw new DatabaseDeadlineError('A guard query');
      const bounded: QueryConfig & { query_timeout: number } = { ...sql, query_timeout: timeoutMs };
      try {
        return await client.query<R>(bounded);
      } catch (error) {
        if ((error as Error).message === 'Query read timeout') throw new DatabaseDeadlineError('A guard query');
        throw error;
      }
    },
  };
}
