import { performance } from 'node:perf_hooks';

export interface OrgEvaluationQueueOptions {
  /** Orgs evaluated at once, so a busy gateway keeps its pool connections for ingest. */
  maxConcurrent: number;
  /** Least time between the starts of two evaluations of one org; requests in between wait and coalesce. */
  minIntervalMs: number;
}

/**
 * Runs one evaluation per org at a time and coalesces requests: a burst of ingests for an org while its evaluation
 * runs or waits leads to one more evaluation, not one per trace, and an org is evaluated at most once per
 * `minIntervalMs` (so sustained ingest costs the database one evaluation per org per interval, however many traces
 * arrive). Requests are picked up on the next turn of the event loop: the ingest path pays a Set insertion.
 */
export class OrgEvaluationQueue {
  private readonly waiting = new Set<string>();
  private readonly active = new Set<string>();
  private readonly lastStartMs = new Map<string, number>();
  private idleWaiters: (() => void)[] = [];
  private pumpScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly run: (orgId: string) => Promise<unknown>,
    private readonly onError: (orgId: string, error: unknown) => void,
    private readonly options: OrgEvaluationQueueOptions = { maxConcurrent: 2, minIntervalMs: 0 },
  ) {}

  request(orgId: string): void {
    if (this.closed) return;
    this.waiting.add(orgId);
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Resolves when nothing is waiting or running (at shutdown, and in tests after an ingest). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no more requests and waits for the evaluations already asked for. */
  close(): Promise<void> {
    this.closed = true;
    return this.whenIdle();
  }

  private isIdle(): boolean {
    return this.waiting.size === 0 && this.active.size === 0 && !this.pumpScheduled;
  }

  private pump(): void {
    const now = performance.now();
    let nextDueMs: number | undefined;
    for (const [orgId, startMs] of this.lastStartMs) if (now - startMs >= this.options.minIntervalMs) this.lastStartMs.delete(orgId);
    for (const orgId of this.waiting) {
      if (this.active.size >= this.options.maxConcurrent) break;
      if (this.active.has(orgId)) continue;
      const lastStart = this.lastStartMs.get(orgId);
      if (lastStart !== undefined) {
        const dueMs = lastStart + this.options.minIntervalMs;
        nextDueMs = Math.min(nextDueMs ?? dueMs, dueMs);
        continue;
      }
      this.waiting.delete(orgId);
      this.active.add(orgId);
      this.lastStartMs.set(orgId, now);
      void this.run(orgId)
        .catch((error: unknown) => this.onError(orgId, error))
        .finally(() => {
          this.active.delete(orgId);
          this.pump();
        });
    }
    if (nextDueMs !== undefined && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, Math.max(0, nextDueMs - now));
    }
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
