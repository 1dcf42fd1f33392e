import type { PricingSource, TraceIngestResult } from '@finops/contracts';
import type { TokenUsage } from '@finops/pricing';

/** One trace as it is stored: validated input plus the cost computed at ingest. */
export interface TraceRecord extends TokenUsage {
  id: string;
  agentId: string;
  modelId: string;
  input: string | null;
  output: string | null;
  costUsd: string;
  pricingSource: PricingSource;
  pricingVersion: string | null;
  costCenter: string | null;
  project: string | null;
  team: string | null;
  occurredAt: Date;
  receivedAt: Date;
  idempotencyKey: string | null;
  requestHash: string | null;
  metadataJson: string | null;
  /** The guard reservation the trace settles (named by the agent); see guard-counters.sql.ts. */
  reservationId: string | null;
}

/** What a replayed idempotent request answers with: the stored trace's original result. */
export interface StoredTraceResult {
  id: string;
  idempotencyKey: string;
  requestHash: string | null;
  costUsd: string;
  pricingSource: PricingSource;
  pricingVersion: string | null;
  totalTokens: number;
  occurredAt: Date;
  receivedAt: Date;
}

export function toApiTraceResult(trace: Omit<StoredTraceResult, 'idempotencyKey' | 'requestHash'>): TraceIngestResult {
  return {
    id: trace.id,
    costUsd: trace.costUsd,
    currency: 'USD',
    pricingSource: trace.pricingSource,
    pricingVersion: trace.pricingVersion,
    totalTokens: trace.totalTokens,
    occurredAt: trace.occurredAt.toISOString(),
    receivedAt: trace.receivedAt.toISOString(),
  };
}
