export interface RetrySchedule {
  /** Delay before the second attempt, before jitter. */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
}

/**
 * Delay after failed attempt `attempt` (1-based): base × 2^(attempt−1), capped, with "equal jitter" (a uniformly
 * random point in the upper half), so receivers that failed together are not retried in lockstep, while each retry
 * still waits at least half its nominal delay. `random` returns [0, 1).
 */
export function retryDelayMs(attempt: number, schedule: RetrySchedule, random: () => number = Math.random): number {
  const nominal = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
