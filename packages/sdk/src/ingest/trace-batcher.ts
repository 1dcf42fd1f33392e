import { randomUUID } from 'node:crypto';
import { limits, TraceBatchIngestResultSchema, TraceIngestSchema, type TraceIngest } from '@finops/contracts';
import { InvalidTraceError } from '../errors';
import type { Transport } from '../http/transport';
import { sleep, type Runtime } from '../runtime';
import { refusedItems } from './refused-traces';
import { isRetryable, retryDelayMs, type RetryOptions } from './retry-policy';

export interface BatchOptions {
  /** A queued trace is sent at most this long after it was queued (default 1,000 ms). */
  flushIntervalMs: number;
  /** Traces per request (default and at most 1,000, the gateway's batch limit); a full batch is sent at once. */
  maxBatchTraces: number;
  /** Traces held in memory, being sent included (default 10,000); see `DroppedTraces` for what happens beyond. */
  maxQueuedTraces: number;
  retry: RetryOptions;
  /** Told about every trace that will not be stored; must not throw. */
  onDropped: (event: DroppedTraces) => void;
}

export type DropReason = 'queue_full' | 'rejected' | 'retries_exhausted' | 'shutdown';

/**
 * Traces given up on. `queue_full`: ingested while `maxQueuedTraces` were held (the newest are refused, so the traces
 * already queued, older and maybe mid-retry, keep their place). `rejected`: the gateway refused the batch with a 4xx
 * other than 408/429: the traces it names (`invalid_params`), the others being sent again, or the whole batch when it
 * names none (all or nothing: nothing of it was stored). `retries_exhausted`: still failing after the last
 * attempt. `shutdown`: still unsent when `shutdown()` stopped waiting.
 */
export interface DroppedTraces {
  reason: DropReason;
  traces: TraceIngest[];
  error?: unknown;
}

export interface BatcherStats {
  queued: number;
  sent: number;
  dropped: number;
}

/**
 * Collects traces and sends them through the batch endpoint, one request at a time. Every trace gets its
 * idempotency key and `occurredAt` when it is queued, so a retried batch has the same body and the gateway answers
 * it from the keys instead of storing it again (also when a retry regroups traces).
 */
export class TraceBatcher {
  private readonly queue: TraceIngest[] = [];
  private sending: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private closed = false;
  private readonly abandon = new AbortController();
  private readonly counts = { sent: 0, dropped: 0 };

  constructor(
    private readonly transport: Transport,
    private readonly runtime: Runtime,
    private readonly options: BatchOptions,
  ) {
    if (!(options.maxBatchTraces >= 1 && options.maxBatchTraces <= limits.batchMaxTraces)) {
      throw new RangeError(`maxBatchTraces must be 1 to ${limits.batchMaxTraces}`);
    }
  }

  /**
   * Queues a trace; false when it was dropped (queue full, or after shutdown) and reported to `onDropped`. Throws
   * InvalidTraceError for a trace the gateway would refuse: one such trace would fail its whole batch.
   */
  ingest(trace: TraceIngest): boolean {
    const stamped = { idempotencyKey: randomUUID(), occurredAt: this.runtime.now().toISOString(), ...trace };
    const parsed = TraceIngestSchema.safeParse(stamped);
    if (!parsed.success) {
      throw new InvalidTraceError(parsed.error.issues.map((issue) => ({ name: issue.path.join('.'), reason: issue.message, in: 'body' as const })));
    }
    if (this.closed) return this.drop({ reason: 'shutdown', traces: [parsed.data] });
    if (this.queue.length >= this.options.maxQueuedTraces) return this.drop({ reason: 'queue_full', traces: [parsed.data] });
    this.queue.push(parsed.data);
    if (this.queue.length >= this.options.maxBatchTraces) void this.send();
    else this.cancelTimer ??= this.runtime.schedule(this.options.flushIntervalMs, () => void this.send(), false);
    return true;
  }

  /** Sends everything queued; resolves when the queue is empty (traces ingested meanwhile included). */
  flush(): Promise<void> {
    return this.send();
  }

  /**
   * Refuses further traces and sends what is queued, waiting at most `timeoutMs`; what is still unsent then is
   * reported to `onDropped` as `shutdown`. For short-lived processes: await it before exiting.
   */
  async shutdown(timeoutMs: number): Promise<BatcherStats> {
    this.closed = true;
    const gaveUp = new AbortController();
    const deadline = sleep(this.runtime, timeoutMs, gaveUp.signal).then(() => true);
    const timedOut = await Promise.race([this.send().then(() => false), deadline]);
    gaveUp.abort();
    if (timedOut) {
      this.abandon.abort();
      await this.sending;
    }
    return this.stats();
  }

  stats(): BatcherStats {
    return { queued: this.queue.length, ...this.counts };
  }

  private send(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.sending ??= this.sendAll().finally(() => (this.sending = null));
    return this.sending;
  }

  private async sendAll(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.abandon.signal.aborted) {
        this.drop({ reason: 'shutdown', traces: this.queue.splice(0) });
        return;
      }
      const batch = this.queue.slice(0, this.options.maxBatchTraces);
      const outcome = await this.sendWithRetries(batch);
      if (outcome === 'sent') {
        this.queue.splice(0, batch.length);
        this.counts.sent += batch.length;
        continue;
      }
      const refused = outcome.reason === 'rejected' ? refusedItems(outcome.error, batch.length) : undefined;
      // Only the named traces are dropped; the rest keep their place (and keys) and go again in the next round.
      this.queue.splice(0, batch.length, ...(refused ? batch.filter((_, index) => !refused.has(index)) : []));
      this.drop({ ...outcome, traces: refused ? batch.filter((_, index) => refused.has(index)) : batch });
    }
  }

  private async sendWithRetries(traces: TraceIngest[]): Promise<'sent' | Omit<DroppedTraces, 'traces'>> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.transport.send({ method: 'POST', path: '/traces/ingest/batch', body: { traces }, response: TraceBatchIngestResultSchema, signal: this.abandon.signal });
        return 'sent';
      } catch (error) {
        if (this.abandon.signal.aborted) return { reason: 'shutdown', error };
        if (!isRetryable(error)) return { reason: 'rejected', error };
        if (attempt >= retry.maxAttempts) return { reason: 'retries_exhausted', error };
        const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
        await sleep(this.runtime, retryDelayMs(attempt, retryAfterMs, this.runtime.random, retry), this.abandon.signal);
      }
    }
  }

  private drop(event: DroppedTraces): false {
    this.counts.dropped += event.traces.length;
    this.options.onDropped(event);
    return false;
  }
}
