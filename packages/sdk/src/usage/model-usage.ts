import type { TraceIngest } from '@finops/contracts';

/**
 * One model call's tokens in the gateway's buckets: `inputTokens` without the cached ones (cache reads and writes are
 * priced at their own rates and are not part of it), `outputTokens` with the reasoning ones (providers bill those as
 * output; `reasoningTokens` says how many of them there were).
 */
export interface ModelUsage {
  modelId: string;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/** Attribution of a wrapped client's calls; `agent` is the trace's agentId. */
export interface UsageTags {
  agent: string;
  costCenter?: string;
  project?: string;
  team?: string;
}

export interface CallDescription {
  provider: 'openai' | 'anthropic';
  /** The API called, e.g. `chat.completions`. */
  operation: string;
  streamed: boolean;
}

/** The trace of one call: tokens, tags and where it came from, never the prompt or the output. */
export function toUsageTrace(usage: ModelUsage, tags: UsageTags, call: CallDescription): TraceIngest {
  return {
    agentId: tags.agent,
    modelId: usage.modelId,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    ...(tags.costCenter === undefined ? {} : { costCenter: tags.costCenter }),
    ...(tags.project === undefined ? {} : { project: tags.project }),
    ...(tags.team === undefined ? {} : { team: tags.team }),
    metadata: { source: 'sdk', provider: call.provider, operation: call.operation, streamed: call.streamed, reasoningTokens: usage.reasoningTokens },
  };
}

/** Folds a call's stream events into its usage; `usage()` is undefined until the stream reported some. */
export interface StreamUsage {
  observe(event: unknown): void;
  usage(): ModelUsage | undefined;
}

/** A count from a provider's usage object: absent, null or not a number count as 0. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** A member of a provider's JSON, read without trusting its shape (an older or newer API version). */
export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}
