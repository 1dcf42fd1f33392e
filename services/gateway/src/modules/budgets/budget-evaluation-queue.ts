/**
 * Runs one evaluation per org at a time and coalesces requests: a burst of ingests for an org while its evaluation
 * runs (or waits) leads to one more evaluation, not one per trace. At most `maxConcurrent` orgs are evaluated at
 * once, so a busy gateway keeps its pool connections for ingest. Requests are picked up on the next turn of the
 * event loop, so the listener costs the ingest path a Set insertion.
 */
export class OrgEvaluationQueue {
  private readonly waiting = new Set<string>();
  private readonly active = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private pumpScheduled = false;
  private closed = false;

  constructor(
    private readonly run: (orgId: string) => Promise<unknown>,
    private readonly onError: (orgId: string, error: unknown) => void,
    private readonly maxConcurrent = 2,
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
    for (const orgId of this.waiting) {
      if (this.active.size >= this.maxConcurrent) break;
      if (this.active.has(orgId)) continue;
      this.waiting.delete(orgId);
      this.active.add(orgId);
      void this.run(orgId)
        .catch((error: unknown) => this.onError(orgId, error))
        .finally(() => {
          this.active.delete(orgId);
          this.pump();
        });
    }
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
