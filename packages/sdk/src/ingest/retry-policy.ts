import { FinOpsApiError, FinOpsNetworkError } from '../errors';

export interface RetryOptions {
  /** Attempts per batch, the first included. */
  maxAttempts: number;
  /** The first retry waits up to this long; each further one up to twice as long as the previous. */
  baseDelayMs: number;
  /** No computed wait exceeds this (a longer `Retry-After` is still honoured). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * Worth sending again: the gateway was not reached, asked to slow down (429), or failed on its side (5xx). Any other
 * answer would be the same the next time.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof FinOpsNetworkError) return true;
  return error instanceof FinOpsApiError && (error.status === 429 || error.status === 408 || error.status >= 500);
}

/**
 * The wait before retry number `retry` (1 for the first): "full jitter" exponential backoff, uniform in
 * [0, min(maxDelayMs, baseDelayMs × 2^(retry−1))), so clients that failed together do not come back together
 * (Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog, 2015). `Retry-After` is a floor: the gateway's
 * rate limiter refuses every request before it.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, random: () => number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
