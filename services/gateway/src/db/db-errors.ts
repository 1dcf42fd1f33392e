const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'DEADLINE_EXCEEDED']);

/**
 * True when the database could not be reached or refused work for now (connection failure, shutdown, resource
 * exhaustion, pool timeout, a deadline passed): the request may be retried. Errors of the statement itself are
 * not included.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE_CODES.has(code)) return true;
    if (/^(08|53|57P0)/.test(code)) return true;
  }
  return typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated|not queryable/i.test(message);
}
