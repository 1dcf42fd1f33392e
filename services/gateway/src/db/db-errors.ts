const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'DEADLINE_EXCEEDED']);
// What Prisma (through the pg adapter) reports for the same: server unreachable, timed out, closed the connection.
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017']);

/**
 * True when PostgreSQL refused the statement because of the values in it: a data exception (class 22: a number or
 * text its column cannot hold), an integrity constraint (23) or a program limit (54: a value nested or sized past
 * what PostgreSQL takes). Running the same statement again fails the same way; without the offending values it may not.
 */
export function isDataError(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

/**
 * True when the database could not be reached or refused work for now (connection failure, shutdown, resource
 * exhaustion, pool timeout, a deadline passed): the request may be retried. Errors of the statement itself are
 * not included.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_PRISMA_CODES.has(code)) return true;
    if (/^(08|53|57P0)/.test(code)) return true;
  }
  return typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated|not queryable/i.test(message);
}
