import type { PricingSource } from '@finops/contracts';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { FlushObserver } from '../concurrency/batch-queue';
import type { TraceRecord } from '../modules/traces/trace-record';

/** The label of every model the catalogue does not list: model ids come from clients, so only known ones become series. */
export const OTHER_MODEL = 'other';

export interface GatewayMetricsOptions {
  /** Model ids that may be label values (the catalogue's); every other model is counted as `other`. */
  knownModels: ReadonlySet<string>;
  /** Adds an `org` label to trace and spend metrics: one series per org and model, so only for a bounded set of orgs. */
  orgLabels: boolean;
}

export type ForecasterCallOutcome = 'ok' | 'timeout' | 'unavailable' | 'circuit_open' | 'invalid_response' | 'rejected';
export type WebhookAttemptOutcome = 'delivered' | 'retry' | 'failed';

export interface GatewayMetrics {
  tracesStored(orgId: string, records: readonly TraceRecord[]): void;
  /** Group-commit flushes of one queue (`ingest`, `guard_check`): their sizes and how long each took. */
  batchFlushes(queue: 'ingest' | 'guard_check'): FlushObserver;
  guardDecided(decision: 'allow' | 'deny', reason: string): void;
  /** Starts timing one forecaster call; the returned function ends it with its outcome. */
  forecasterCall(): (outcome: ForecasterCallOutcome) => void;
  webhookAttempted(outcome: WebhookAttemptOutcome): void;
}

/** Sizes of group-commit flushes: one trace at light load up to a full batch of 500. */
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500];
const FLUSH_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const FORECASTER_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const TOKEN_METERS = [
  ['input', 'inputTokens'],
  ['output', 'outputTokens'],
  ['cache_read', 'cacheReadTokens'],
  ['cache_write', 'cacheWriteTokens'],
  ['unsplit', 'unsplitTokens'],
] as const;

/** The gateway's domain metrics on the app's registry; modules get the part they report through createApp. */
export function createGatewayMetrics(registry: Registry, options: GatewayMetricsOptions): GatewayMetrics {
  const registers = [registry];
  const spendLabels = options.orgLabels ? (['model', 'org'] as const) : (['model'] as const);
  const traces = new Counter({ name: 'finops_traces_stored_total', help: 'Traces stored (idempotent replays not counted), by model and pricing source', labelNames: [...spendLabels, 'pricing_source'], registers });
  const spend = new Counter({ name: 'finops_spend_usd_total', help: 'Cost of the traces stored, in USD, by model', labelNames: spendLabels, registers });
  const tokens = new Counter({ name: 'finops_tokens_total', help: 'Tokens of the traces stored, by model and meter', labelNames: [...spendLabels, 'meter'], registers });
  const batchSize = new Histogram({ name: 'finops_batch_flush_size', help: 'Items per group-commit flush, by queue', labelNames: ['queue', 'outcome'], buckets: BATCH_SIZE_BUCKETS, registers });
  const flushSeconds = new Histogram({ name: 'finops_batch_flush_duration_seconds', help: 'Time one group-commit flush took, by queue', labelNames: ['queue', 'outcome'], buckets: FLUSH_SECONDS_BUCKETS, registers });
  const guardDecisions = new Counter({ name: 'finops_guard_decisions_total', help: 'Guard check answers, by decision and reason', labelNames: ['decision', 'reason'], registers });
  const forecasterCalls = new Histogram({
    name: 'finops_forecaster_call_duration_seconds',
    help: 'Forecaster calls (retries included) and their duration, by outcome; every outcome but ok is answered with the degraded run-rate projection',
    labelNames: ['outcome'],
    buckets: FORECASTER_SECONDS_BUCKETS,
    registers,
  });
  const webhookAttempts = new Counter({ name: 'finops_webhook_delivery_attempts_total', help: 'Webhook delivery attempts, by outcome (retry: failed, will be tried again; failed: given up)', labelNames: ['outcome'], registers });

  return {
    tracesStored: (orgId, records) => {
      for (const record of records) {
        const model = options.knownModels.has(record.modelId) ? record.modelId : OTHER_MODEL;
        const labels = options.orgLabels ? { model, org: orgId } : { model };
        traces.inc({ ...labels, pricing_source: record.pricingSource satisfies PricingSource });
        // Prometheus samples are floats: the exact decimal cost stays in the database, this is for dashboards.
        spend.inc(labels, Number(record.costUsd));
        for (const [meter, field] of TOKEN_METERS) if (record[field] > 0) tokens.inc({ ...labels, meter }, record[field]);
      }
    },
    batchFlushes: (queue) => (size) => {
      const stopTimer = flushSeconds.startTimer({ queue });
      return (outcome) => {
        batchSize.observe({ queue, outcome }, size);
        stopTimer({ outcome });
      };
    },
    guardDecided: (decision, reason) => guardDecisions.inc({ decision, reason }),
    forecasterCall: () => {
      const stopTimer = forecasterCalls.startTimer();
      return (outcome) => stopTimer({ outcome });
    },
    webhookAttempted: (outcome) => webhookAttempts.inc({ outcome }),
  };
}
