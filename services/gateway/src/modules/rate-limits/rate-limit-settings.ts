/** Where the counters live: this process only, or shared by every replica through PostgreSQL or Redis. */
export type RateLimitStore = 'memory' | 'postgres' | 'redis';

/** A number of requests (or failures) allowed per key in a fixed window that starts at the key's first request. */
export interface Budget {
  points: number;
  windowSeconds: number;
}

/** A failure budget per client address; spending it blocks the address for blockSeconds. */
export interface FailureBudget extends Budget {
  blockSeconds: number;
}

export interface RateLimitSettings {
  store: RateLimitStore;
  /** Required when store is redis. */
  redisUrl?: string;
  /** Starts every counter's key, so deployments (or test runs) sharing one Redis or database never share budgets. */
  keyPrefix: string;
  /** Per API key: POST /traces/ingest and /traces/ingest/batch (a batch is one request). */
  ingest: Budget;
  /** Per API key: guard checks (which reserve) and settlements. */
  guard: Budget;
  /** Per API key: every other /api/v1 route. */
  read: Budget;
  /** Per client address: requests with a missing, unknown or revoked API key. */
  failedApiKeys: FailureBudget;
  /** Per client address: wrong admin tokens. */
  failedAdminTokens: FailureBudget;
}

/**
 * Sized so that an honest agent never meets them: 100 ingest requests and 100 guard calls a second, sustained for a
 * minute, from one key (a busy agent batches traces well below that); 20 reads a second for dashboards and scripts.
 * Failed authentication is for brute force, which these make slow: 20 bad keys a minute from one address, then five
 * minutes of 429; 5 wrong admin tokens, then fifteen minutes.
 */
export const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = {
  store: 'memory',
  keyPrefix: 'finops-rl',
  ingest: { points: 6_000, windowSeconds: 60 },
  guard: { points: 6_000, windowSeconds: 60 },
  read: { points: 1_200, windowSeconds: 60 },
  failedApiKeys: { points: 20, windowSeconds: 60, blockSeconds: 300 },
  failedAdminTokens: { points: 5, windowSeconds: 60, blockSeconds: 900 },
};
