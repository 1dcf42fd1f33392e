import type { Request } from 'express';

/**
 * Where the auth middlewares report a request that failed to authenticate, so that guessing keys or the admin token
 * is slow. The rate-limits module implements it per client address.
 */
export interface AuthFailures {
  /** Throws (429) while the address is blocked, before any credential is looked at. */
  refuseIfBlocked(address: string): Promise<void>;
  /** Counts a failure; throws (429) when this one spends the address's budget. */
  recordFailure(address: string): Promise<void>;
}

/** The peer's address (a proxy in front of the gateway is one address for all its clients: see the README). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
