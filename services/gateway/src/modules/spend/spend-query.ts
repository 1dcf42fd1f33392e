import type { PricingSource, SpendDimension } from '@finops/contracts';

/** UTC calendar buckets; weeks start on Monday (ISO 8601). */
export type SpendBucket = 'hour' | 'day' | 'week' | 'month';

export interface SpendQuery {
  /** Inclusive start instant. */
  from: Date;
  /** Exclusive end instant. */
  to: Date;
  /** Exact-match filters; `null` selects untagged spend for that dimension. */
  filters?: Partial<Record<SpendDimension, string | null>>;
  groupBy?: SpendDimension[];
  bucket?: SpendBucket;
  /**
   * Also split rows by how their cost was set (catalog, override, provided, unpriced). The hourly rollup does not
   * record it, so whole UTC days come from the daily rollup and anything shorter from the traces themselves.
   */
  bySource?: boolean;
  /** Return at most this many rows (the first in key order). */
  limit?: number;
}

export interface SpendRow {
  /** Values of the grouped dimensions; `null` is untagged. */
  group: Partial<Record<SpendDimension, string | null>>;
  /** Start of the bucket when the query had one. */
  bucketStart?: Date;
  /** How the cost was set, when the query asked `bySource`. */
  pricingSource?: PricingSource;
  spendUsd: string;
  traceCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  unsplitTokens: number;
  unpricedTraceCount: number;
  unpricedTokens: number;
}
