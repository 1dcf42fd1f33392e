import { randomUUID } from 'node:crypto';
import { limits, type TraceBatchIngest, type TraceIngest, type TraceIngestResult } from '@finops/contracts';
import { normalizeModelId } from '@finops/pricing';
import type { Logger } from 'pino';
import { BatchQueue, type FlushObserver } from '../../concurrency/batch-queue';
import { isDatabaseUnavailable, isDataError } from '../../db/db-errors';
import { IdempotencyConflictError, InvalidFieldError, ServiceUnavailableError, UnstorableRequestError } from '../../errors';
import type { PriceBook, OrgPriceList } from '../pricing/price-book';
import { requestFingerprint } from './request-fingerprint';
import { costTrace } from './trace-pricing';
import { toApiTraceResult, type TraceRecord } from './trace-record';
import type { InsertOutcome, OrgTraces, TracesRepository } from './traces.repository';

export interface IngestResult {
  result: TraceIngestResult;
  /** True when an earlier request with the same idempotency key and body is answered again. */
  replayed: boolean;
}

interface QueuedTrace {
  orgId: string;
  record: TraceRecord;
}

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
// Single traces of every org share one lane: a group commit carries several orgs' traces in one transaction.
const GROUP_COMMIT_LANE = 'traces';

/**
 * Told about traces after their transaction committed (never about idempotent replays). Listeners run off the
 * request path and must not throw; budget alerting uses this to notice threshold crossings as spend arrives.
 */
export type TracesStoredListener = (orgId: string, records: readonly TraceRecord[]) => void;

function withoutKey(trace: TraceIngest): Omit<TraceIngest, 'idempotencyKey'> {
  const { idempotencyKey, ...rest } = trace;
  return rest;
}

export class TracesService {
  private readonly queue: BatchQueue<QueuedTrace, InsertOutcome>;
  private readonly listeners: TracesStoredListener[] = [];

  constructor(
    private readonly repository: TracesRepository,
    private readonly priceBook: PriceBook,
    private readonly logger: Logger,
    observeFlush?: FlushObserver,
  ) {
    // A group that the database refuses for its data is split until only the traces that caused it fail: one org's
    // bad trace never fails another org's (or its own other) requests.
    this.queue = new BatchQueue((_lane, items) => this.flushGroup(items), {
      maxBatchSize: 500,
      maxConcurrentFlushes: 4,
      observeFlush,
      isItemFailure: (error) => error instanceof UnstorableRequestError,
    });
  }

  /** Stores one trace; answered only after its transaction committed. */
  async ingest(orgId: string, trace: TraceIngest, headerKey: string | undefined, receivedAt: Date): Promise<IngestResult> {
    const idempotencyKey = resolveIdempotencyKey(trace.idempotencyKey, headerKey);
    const record = this.toRecord(trace, idempotencyKey, receivedAt, await this.priceBook.forOrg(orgId), 'occurredAt');
    const outcome = await this.queue.submit(GROUP_COMMIT_LANE, { orgId, record });
    if (outcome.inserted) return { result: toApiTraceResult(record), replayed: false };
    if (outcome.existing.requestHash !== record.requestHash) {
      throw new IdempotencyConflictError(`Idempotency key "${idempotencyKey}" was already used with a different trace`);
    }
    return { result: toApiTraceResult(outcome.existing), replayed: true };
  }

  /**
   * Stores up to 1,000 traces all-or-nothing. With an Idempotency-Key header, item i without a key of its own
   * gets "<header>#<i>", so retrying the whole batch stores nothing twice.
   */
  async ingestBatch(orgId: string, batch: TraceBatchIngest, headerKey: string | undefined, receivedAt: Date) {
    const prices = await this.priceBook.forOrg(orgId);
    const records = batch.traces.map((trace, index) =>
      this.toRecord(trace, trace.idempotencyKey ?? (headerKey ? `${headerKey}#${index}` : undefined), receivedAt, prices, `traces[${index}].occurredAt`),
    );
    const outcomes = await this.withRetry('The batch', () =>
      this.repository.insertAllOrNothing({ orgId, records }, (found) => {
        const conflicts = found
          .map((outcome, index) => ({ outcome, index }))
          .filter(({ outcome, index }) => !outcome.inserted && outcome.existing.requestHash !== records[index]!.requestHash);
        if (conflicts.length > 0) {
          throw new IdempotencyConflictError(
            'Some idempotency keys were already used with different traces; nothing was stored',
            conflicts.map(({ index }) => ({ name: `traces[${index}].idempotencyKey`, reason: 'was already used with a different trace', in: 'body' as const })),
          );
        }
      }),
    );
    this.notifyStored(orgId, records.filter((_, index) => outcomes[index]!.inserted));
    const results = outcomes.map((outcome, index) => (outcome.inserted ? toApiTraceResult(records[index]!) : toApiTraceResult(outcome.existing)));
    return { results, replayed: outcomes.every((outcome) => !outcome.inserted) };
  }

  onTracesStored(listener: TracesStoredListener): void {
    this.listeners.push(listener);
  }

  /** Waits for queued traces to be written; called at shutdown after the listener stopped accepting requests. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private toRecord(
    trace: TraceIngest,
    idempotencyKey: string | undefined,
    receivedAt: Date,
    prices: OrgPriceList,
    occurredAtField: string,
  ): TraceRecord {
    const occurredAt = trace.occurredAt ? new Date(trace.occurredAt) : receivedAt;
    if (occurredAt.getTime() > receivedAt.getTime() + limits.occurredAtMaxFutureSkewMs) {
      throw new InvalidFieldError(occurredAtField, 'must not be more than 5 minutes in the future');
    }
    const cost = costTrace(trace, occurredAt, prices);
    return {
      id: randomUUID(),
      agentId: trace.agentId,
      modelId: normalizeModelId(trace.modelId),
      input: trace.input ?? null,
      output: trace.output ?? null,
      ...cost.usage,
      costUsd: cost.costUsd,
      pricingSource: cost.pricingSource,
      pricingVersion: cost.pricingVersion,
      costCenter: trace.costCenter ?? null,
      project: trace.project ?? null,
      team: trace.team ?? null,
      occurredAt,
      receivedAt,
      idempotencyKey: idempotencyKey ?? null,
      requestHash: idempotencyKey ? requestFingerprint(withoutKey(trace)) : null,
      metadataJson: trace.metadata ? JSON.stringify(trace.metadata) : null,
      reservationId: trace.reservationId ?? null,
    };
  }

  private async flushGroup(items: QueuedTrace[]): Promise<InsertOutcome[]> {
    const byOrg = new Map<string, { group: OrgTraces; positions: number[] }>();
    items.forEach((item, position) => {
      const entry = byOrg.get(item.orgId) ?? { group: { orgId: item.orgId, records: [] }, positions: [] };
      entry.group.records.push(item.record);
      entry.positions.push(position);
      byOrg.set(item.orgId, entry);
    });
    const entries = [...byOrg.values()];
    const outcomesByOrg = await this.withRetry(items.length === 1 ? 'The trace' : 'The group of traces', () => this.repository.insertGroups(entries.map((entry) => entry.group)));
    const outcomes: InsertOutcome[] = new Array(items.length);
    entries.forEach((entry, orgIndex) => entry.positions.forEach((position, i) => (outcomes[position] = outcomesByOrg[orgIndex]![i]!)));
    entries.forEach((entry, orgIndex) =>
      this.notifyStored(entry.group.orgId, entry.group.records.filter((_, i) => outcomesByOrg[orgIndex]![i]!.inserted)),
    );
    return outcomes;
  }

  private notifyStored(orgId: string, records: TraceRecord[]): void {
    if (records.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(orgId, records);
      } catch (error) {
        this.logger.error({ err: error }, 'traces-stored listener failed');
      }
    }
  }

  /**
   * A deadlock or serialization failure rolled the whole transaction back, so running it again is safe. What the
   * database refused for its values is the client's to fix (422); an unreachable database is a 503.
   */
  private async withRetry<T>(what: string, write: () => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await write();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE_SQLSTATES.has(code) && attempt < attempts) {
          this.logger.warn({ code, attempt }, 'trace write conflicted, retrying');
          continue;
        }
        if (isDataError(error)) throw new UnstorableRequestError(what, code!);
        if (isDatabaseUnavailable(error)) {
          throw new ServiceUnavailableError('Traces could not be stored right now; nothing was stored, retry the request', error);
        }
        throw error;
      }
    }
  }
}

function resolveIdempotencyKey(bodyKey: string | undefined, headerKey: string | undefined): string | undefined {
  if (bodyKey !== undefined && headerKey !== undefined && bodyKey !== headerKey) {
    throw new InvalidFieldError('Idempotency-Key', 'differs from the idempotencyKey field; send one or make them equal', 'header');
  }
  return bodyKey ?? headerKey;
}
