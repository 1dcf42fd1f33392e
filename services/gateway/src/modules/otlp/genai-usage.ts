import { limits, type TraceIngest } from '@finops/contracts';
import type { Attributes } from './otlp-spans';
import { readBoolean, readFirstCount, type IgnoredAttribute } from './span-attributes';

/** Spellings in the order they are preferred: current conventions first, then older drafts and other schemes. */
export const TOKEN_ATTRIBUTES = {
  input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt', 'ai.usage.inputTokens', 'ai.usage.promptTokens'],
  output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion', 'ai.usage.outputTokens', 'ai.usage.completionTokens'],
  cacheRead: [
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
    'gen_ai.usage.input_tokens.cached',
    'llm.token_count.prompt_details.cache_read',
    'ai.usage.cachedInputTokens',
  ],
  cacheWrite: [
    'gen_ai.usage.cache_write.input_tokens',
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
    'gen_ai.usage.input_tokens.cache_write',
    'llm.token_count.prompt_details.cache_write',
  ],
  reasoning: [
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.output_tokens.reasoning',
    'llm.token_count.completion_details.reasoning',
    'ai.usage.reasoningTokens',
  ],
  total: ['gen_ai.usage.total_tokens', 'llm.usage.total_tokens', 'llm.token_count.total', 'ai.usage.totalTokens'],
} as const;

/** Set by a team whose instrumentation passes Anthropic's raw counts although input_tokens is not below the cache. */
export const INPUT_INCLUDES_CACHE_ATTRIBUTE = 'finops.usage.input_includes_cache';

export interface ReportedUsage {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  total?: number;
  inputIncludesCache?: boolean;
}

export type TokenFields = Pick<TraceIngest, 'tokensUsed' | 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>;

export function readUsage(attributes: Attributes, ignored: IgnoredAttribute[]): ReportedUsage {
  const read = (keys: readonly string[]) => readFirstCount(attributes, keys, limits.tokensMax, ignored);
  return {
    input: read(TOKEN_ATTRIBUTES.input),
    output: read(TOKEN_ATTRIBUTES.output),
    cacheRead: read(TOKEN_ATTRIBUTES.cacheRead),
    cacheWrite: read(TOKEN_ATTRIBUTES.cacheWrite),
    reasoning: read(TOKEN_ATTRIBUTES.reasoning),
    total: read(TOKEN_ATTRIBUTES.total),
    inputIncludesCache: readBoolean(attributes, INPUT_INCLUDES_CACHE_ATTRIBUTE),
  };
}

export function hasAnyUsage(usage: ReportedUsage): boolean {
  return [usage.input, usage.output, usage.cacheRead, usage.cacheWrite, usage.reasoning, usage.total].some((n) => n !== undefined);
}

/**
 * Splits reported usage into the ingest contract's buckets, each token priced exactly once.
 *
 * The GenAI conventions count cached tokens inside input_tokens and reasoning tokens inside output_tokens, and so do
 * OpenLLMetry (prompt_tokens), OpenInference (llm.token_count.prompt) and Sentry. The contract's inputTokens are the
 * uncached ones, so the cache buckets come off the input. Some instrumentations pass Anthropic's raw usage, whose
 * input_tokens exclude the cache: that is certain when input is below the cache tokens (an inclusive count cannot
 * be), and otherwise declared by `finops.usage.input_includes_cache = false`. Reasoning is billed at the output
 * rate and stays inside outputTokens; only an output below the reasoning count (reported beside, not within) adds
 * it. A total alone is priced at the blended rate; beside a split it is only a cross-check and is not used.
 */
export function toTokenFields(usage: ReportedUsage): TokenFields {
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  const cache = cacheRead + cacheWrite;
  const cacheFields = {
    ...(usage.cacheRead !== undefined ? { cacheReadTokens: cacheRead } : {}),
    ...(usage.cacheWrite !== undefined ? { cacheWriteTokens: cacheWrite } : {}),
  };
  if (usage.input === undefined && usage.output === undefined) {
    if (usage.total !== undefined) return { tokensUsed: Math.max(usage.total, cache), ...cacheFields };
    return cache > 0 ? { inputTokens: 0, ...cacheFields } : {};
  }
  const input = usage.input ?? 0;
  const includesCache = usage.inputIncludesCache ?? input >= cache;
  const output = usage.output ?? 0;
  const reasoning = usage.reasoning ?? 0;
  return {
    inputTokens: includesCache ? Math.max(0, input - cache) : input,
    outputTokens: output < reasoning ? output + reasoning : output,
    ...cacheFields,
  };
}
