/** Dimensions spend can be grouped and filtered by. */
export const spendDimensions = ['costCenter', 'project', 'team', 'agentId', 'modelId'] as const;
export type SpendDimension = (typeof spendDimensions)[number];

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
}

export interface SpendRow {
  /** Values of the grouped dimensions; `null` is untagged. */
  group: Partial<Record<SpendDimension, string | null>>;
  /** Start of the bucket when the query had one. */
  bucketStart?: Date;
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
