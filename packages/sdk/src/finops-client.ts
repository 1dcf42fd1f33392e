import {
  BudgetStatusListSchema,
  ChargebackReportSchema,
  CostForecastSchema,
  GuardCheckResultSchema,
  GuardReservationSchema,
  type BudgetStatusList,
  type ChargebackReport,
  type CostForecast,
  type CostForecastQuery,
  type GuardCheck,
  type GuardCheckResult,
  type GuardReservation,
  type GuardSettle,
  type ReportQuery,
  type TraceIngest,
} from '@finops/contracts';
import { currentReservationId } from './guard/reservation-scope';
import { runWithBudget, type BudgetedStep } from './guard/with-budget';
import { Transport } from './http/transport';
import { DEFAULT_RETRY } from './ingest/retry-policy';
import { TraceBatcher, type BatchOptions, type BatcherStats } from './ingest/trace-batcher';
import { defaultRuntime, type Runtime } from './runtime';

export interface FinOpsClientOptions {
  /** The gateway, e.g. `http://127.0.0.1:3000` (the SDK adds `/api/v1`). */
  baseUrl: string;
  /** An API key; an `ingest` key suffices for traces and the guard, reads need `read`. */
  apiKey: string;
  /** Per request, each retry included (default 10,000 ms). */
  requestTimeoutMs?: number;
  batch?: Partial<BatchOptions>;
  runtime?: Partial<Runtime>;
}

/** Report options: the query parameters of GET /cost/report (JSON only: CSV exports are files, not data). */
export type ReportOptions = Omit<ReportQuery, 'format'>;

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;

/** The public API of one gateway with one key: batched ingest, the guard, and typed reads. */
export class FinOpsClient {
  private readonly transport: Transport;
  private readonly batcher: TraceBatcher;

  constructor(options: FinOpsClientOptions) {
    const runtime = { ...defaultRuntime, ...options.runtime };
    this.transport = new Transport({ baseUrl: options.baseUrl, apiKey: options.apiKey, requestTimeoutMs: options.requestTimeoutMs ?? 10_000, runtime });
    this.batcher = new TraceBatcher(this.transport, runtime, {
      flushIntervalMs: 1_000,
      maxBatchTraces: 1_000,
      maxQueuedTraces: 10_000,
      retry: DEFAULT_RETRY,
      onDropped: () => undefined,
      ...options.batch,
    });
  }

  /**
   * Queues a trace for the next batch (see TraceBatcher.ingest). Inside `withBudget` a trace without a
   * `reservationId` names the step's reservation, so its arrival replaces the guard's hold with its cost.
   */
  ingest(trace: TraceIngest): boolean {
    const reservationId = trace.reservationId ?? currentReservationId();
    return this.batcher.ingest(reservationId === undefined ? trace : { ...trace, reservationId });
  }

  flush(): Promise<void> {
    return this.batcher.flush();
  }

  shutdown(options: { timeoutMs?: number } = {}): Promise<BatcherStats> {
    return this.batcher.shutdown(options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  }

  stats(): BatcherStats {
    return this.batcher.stats();
  }

  report(options: ReportOptions = {}): Promise<ChargebackReport> {
    return this.transport.send({ method: 'GET', path: '/cost/report', query: { ...options, format: 'json' }, response: ChargebackReportSchema });
  }

  budgetStatus(): Promise<BudgetStatusList> {
    return this.transport.send({ method: 'GET', path: '/cost/budgets/status', response: BudgetStatusListSchema });
  }

  forecast(options: Partial<CostForecastQuery> = {}): Promise<CostForecast> {
    return this.transport.send({ method: 'GET', path: '/cost/forecast', query: options, response: CostForecastSchema });
  }

  /** A deny is a result (`decision: "deny"`), not an error; `withBudget` turns it into GuardDeniedError. */
  check(check: GuardCheck): Promise<GuardCheckResult> {
    return this.transport.send({ method: 'POST', path: '/guard/check', body: check, response: GuardCheckResultSchema });
  }

  settle(settle: GuardSettle): Promise<GuardReservation> {
    return this.transport.send({ method: 'POST', path: '/guard/settle', body: settle, response: GuardReservationSchema });
  }

  /** Check, run `step`, settle: see runWithBudget. */
  withBudget<T>(estimate: GuardCheck, step: BudgetedStep<T>): Promise<T> {
    return runWithBudget(this, estimate, step);
  }
}
