export interface GroupCommitOptions {
  /** Most items written by one flush. */
  maxBatchSize: number;
  /** Flushes running at once (each holds one database connection). */
  maxConcurrentFlushes: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: an item is written at once when a flush slot is free, otherwise it waits and goes with everything
 * that arrived meanwhile. Under light load nothing waits for a timer; under heavy load one transaction carries many
 * items, so throughput follows the database's batch speed rather than its per-commit latency. A caller is answered
 * only after its flush committed.
 */
export class GroupCommitQueue<T, R> {
  private pending: Pending<T, R>[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.startFlushes();
    });
  }

  /** Resolves once nothing is pending or being written (used at shutdown, after the listener closed). */
  drain(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startFlushes(): void {
    while (this.running < this.options.maxConcurrentFlushes && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatchSize);
      this.running += 1;
      void this.runFlush(batch);
    }
    if (this.running === 0 && this.pending.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async runFlush(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.flush(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.running -= 1;
      this.startFlushes();
    }
  }
}
