export interface BatchQueueOptions {
  /** Most items one flush takes. */
  maxBatchSize: number;
  /** Flushes running at once over all lanes (each holds one database connection). */
  maxConcurrentFlushes: number;
  /**
   * Flushes of one lane running at once. 1 serialises a lane: the guard's checks of one org contend for the same
   * counter rows, so one transaction after another (each deciding a whole batch under one set of row locks) beats
   * several side by side, each waiting for the other's locks. Default: maxConcurrentFlushes.
   */
  maxConcurrentPerLane?: number;
  /**
   * Whether a failed flush may have failed because of one of its items (the client's data) rather than because of
   * the database or the code. Such a batch is split in halves and each half flushed again, down to the one item
   * that fails, so a bad item fails only its own caller. Default: never (every item of the batch gets the error).
   */
  isItemFailure?: (error: unknown) => boolean;
  /** Told of every flush (halves of a split batch too) as it starts; the function it returns, as it ends. */
  observeFlush?: FlushObserver;
}

export type FlushObserver = (batchSize: number) => (outcome: 'committed' | 'failed') => void;

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in lanes: an item is flushed at once when its lane and the queue have a free flush slot, otherwise it
 * waits and goes with everything that arrived for its lane meanwhile. Under light load nothing waits for a timer;
 * under heavy load one transaction carries many items, so throughput follows the database's batch speed rather than
 * its per-commit latency. A caller is answered only after its flush committed. Lanes waiting for a slot take turns.
 */
export class BatchQueue<T, R> {
  private readonly pending = new Map<string, Pending<T, R>[]>();
  private readonly runningByLane = new Map<string, number>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly maxConcurrentPerLane: number;
  private readonly isItemFailure: (error: unknown) => boolean;
  private readonly observeFlush: FlushObserver;

  constructor(
    private readonly flush: (lane: string, items: T[]) => Promise<R[]>,
    private readonly options: BatchQueueOptions,
  ) {
    this.maxConcurrentPerLane = options.maxConcurrentPerLane ?? options.maxConcurrentFlushes;
    this.isItemFailure = options.isItemFailure ?? (() => false);
    this.observeFlush = options.observeFlush ?? (() => () => undefined);
  }

  submit(lane: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.pending.get(lane) ?? [];
      queue.push({ item, resolve, reject });
      this.pending.set(lane, queue);
      this.pump();
    });
  }

  /** Resolves once nothing is pending or being flushed (at shutdown, after the listener closed). */
  drain(): Promise<void> {
    if (this.running === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    // A lane that keeps items is put back at the end, so this loop meets it again (a lane with slots left gets another
    // flush) after every other waiting lane had its turn.
    for (const [lane, queue] of this.pending) {
      if (this.running >= this.options.maxConcurrentFlushes) break;
      const runningInLane = this.runningByLane.get(lane) ?? 0;
      if (runningInLane >= this.maxConcurrentPerLane) continue;
      const batch = queue.splice(0, this.options.maxBatchSize);
      this.pending.delete(lane);
      if (queue.length > 0) this.pending.set(lane, queue);
      this.running += 1;
      this.runningByLane.set(lane, runningInLane + 1);
      void this.run(lane, batch);
    }
    if (this.running === 0 && this.pending.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(lane: string, batch: Pending<T, R>[]): Promise<void> {
    try {
      await this.flushOrSplit(lane, batch);
    } finally {
      this.running -= 1;
      const left = this.runningByLane.get(lane)! - 1;
      if (left === 0) this.runningByLane.delete(lane);
      else this.runningByLane.set(lane, left);
      this.pump();
    }
  }

  /**
   * Halves run one after the other in the batch's own slot: a lane's order and its concurrency limit hold, and one bad
   * item among n costs about 2·log2(n) more flushes.
   */
  private async flushOrSplit(lane: string, batch: Pending<T, R>[]): Promise<void> {
    let results: R[];
    const flushEnded = this.observeFlush(batch.length);
    try {
      results = await this.flush(lane, batch.map((entry) => entry.item));
      flushEnded('committed');
    } catch (error) {
      flushEnded('failed');
      if (batch.length === 1 || !this.isItemFailure(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.flushOrSplit(lane, batch.slice(0, half));
      await this.flushOrSplit(lane, batch.slice(half));
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]!));
  }
}
