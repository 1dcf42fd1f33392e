/** Token counts as sent with a trace; every field optional. */
export interface ReportedTokens {
  tokensUsed?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** Token counts by meter. `unsplitTokens` are tokens reported only as a total, priced at the blended rate. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  unsplitTokens: number;
  totalTokens: number;
}

/**
 * Splits what a trace reported into meters. With inputTokens or outputTokens present, `tokensUsed` is only a
 * check (validated upstream) and nothing is unsplit; with `tokensUsed` alone, whatever is not cache traffic is
 * unsplit. Cache tokens are never part of inputTokens, so nothing is counted twice.
 */
export function toTokenUsage(reported: ReportedTokens): TokenUsage {
  const cacheReadTokens = reported.cacheReadTokens ?? 0;
  const cacheWriteTokens = reported.cacheWriteTokens ?? 0;
  const hasSplit = reported.inputTokens !== undefined || reported.outputTokens !== undefined;
  const inputTokens = reported.inputTokens ?? 0;
  const outputTokens = reported.outputTokens ?? 0;
  const unsplitTokens = hasSplit ? 0 : Math.max(0, (reported.tokensUsed ?? 0) - cacheReadTokens - cacheWriteTokens);
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    unsplitTokens,
    totalTokens: inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens + unsplitTokens,
  };
}
