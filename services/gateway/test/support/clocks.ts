/** A clock the test moves by hand: budget periods, events and webhook retries follow it. */
export class TestClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A clock that runs in real time from a fixed instant, so timers, leases and retries behave as in production while
 * what the gateway computes from the date (periods, "today", backfill bounds) is the same on any day the suite runs.
 */
export class RunningClock {
  /** How far this clock is ahead of the wall clock (a gateway process on this clock gets it: gateway-process.ts). */
  offsetMs: number;
  constructor(from: string | Date) {
    this.offsetMs = new Date(from).getTime() - Date.now();
  }
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  jump(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Where a test gateway's clock starts unless the test brings its own: mid-month, mid-day, after every dated fixture. */
export const TEST_EPOCH = '2027-03-17T12:00:00Z';
