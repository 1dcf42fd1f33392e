export interface OrgBatchQueueOptions {
  /** Most items one flush decides. */
  maxBatchSize: number;
  /** Orgs flushed at once (each flush holds one database connection). */
  maxConcurrentOrgs: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit per org: at most one flush per org runs at a time, and whatever arrives for the org meanwhile goes
 * into its next flush. Checks of one org contend for the same counter rows, so running them one transaction after
 * another (each deciding a whole batch under one set of row locks) beats running them side by side, where each
 * would wait for the other's locks. Under light load an item is flushed at once; nothing waits for a timer.
 */
export class OrgBatchQueue<T, R> {
  private readonly pending = new Map<string, Pending<T, R>[]>();
  private readonly running = new Set<string>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly flush: (orgId: string, items: T[]) => Promise<R[]>,
    private readonly options: OrgBatchQueueOptions,
  ) {}

  submit(orgId: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.pending.get(orgId) ?? [];
      queue.push({ item, resolve, reject });
      this.pending.set(orgId, queue);
      this.pump();
    });
  }

  /** Resolves once nothing is pending or being flushed (at shutdown). */
  drain(): Promise<void> {
    if (this.running.size === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    for (const [orgId, queue] of this.pending) {
      if (this.running.size >= this.options.maxConcurrentOrgs) break;
      if (this.running.has(orgId)) continue;
      const batch = queue.splice(0, this.options.maxBatchSize);
      // What is left queues behind the other orgs (round robin when more orgs wait than may run).
      this.pending.delete(orgId);
      if (queue.length > 0) this.pending.set(orgId, queue);
      this.running.add(orgId);
      void this.run(orgId, batch);
    }
    if (this.running.size === 0 && this.pending.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(orgId: string, batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.flush(orgId, batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.running.delete(orgId);
      this.pump();
    }
  }
}
