import { count, field, type ModelUsage, type StreamUsage } from './model-usage';


/**
 * OpenAI counts cached (and cache-written) tokens inside the input total and reasoning tokens inside the output
 * total; the gateway's inputTokens excludes the cache buckets, so they are taken out here.
 */
function split(modelId: unknown, input: number, cached: number, cacheWrite: number, output: number, reasoning: number): ModelUsage | undefined {
  if (typeof modelId !== 'string' || modelId.length === 0) return undefined;
  return { modelId, inputTokens: Math.max(0, input - cached - cacheWrite), cacheReadTokens: cached, cacheWriteTokens: cacheWrite, outputTokens: output, reasoningTokens: reasoning };
}

/** Chat Completions usage: `prompt_tokens` / `completion_tokens` with their details. */
export function chatCompletionUsage(modelId: unknown, usage: unknown): ModelUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const prompt = field(usage, 'prompt_tokens_details');
  const completion = field(usage, 'completion_tokens_details');
  return split(modelId, count(field(usage, 'prompt_tokens')), count(field(prompt, 'cached_tokens')), count(field(prompt, 'cache_write_tokens')), count(field(usage, 'completion_tokens')), count(field(completion, 'reasoning_tokens')));
}

/** Responses API usage: `input_tokens` / `output_tokens` with their details. */
export function responseUsage(modelId: unknown, usage: unknown): ModelUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const input = field(usage, 'input_tokens_details');
  const output = field(usage, 'output_tokens_details');
  return split(modelId, count(field(usage, 'input_tokens')), count(field(input, 'cached_tokens')), count(field(input, 'cache_write_tokens')), count(field(usage, 'output_tokens')), count(field(output, 'reasoning_tokens')));
}

/** A streamed chat completion reports usage once, in its last chunk, when `stream_options.include_usage` is set. */
export function chatCompletionStreamUsage(): StreamUsage {
  let found: ModelUsage | undefined;
  return {
    observe: (chunk) => {
      found = chatCompletionUsage(field(chunk, 'model'), field(chunk, 'usage')) ?? found;
    },
    usage: () => found,
  };
}

// The terminal events of a response stream carry the whole response, usage included.
const TERMINAL_RESPONSE_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export function responseStreamUsage(): StreamUsage {
  let found: ModelUsage | undefined;
  return {
    observe: (event) => {
      if (!TERMINAL_RESPONSE_EVENTS.has(field(event, 'type') as string)) return;
      const response = field(event, 'response');
      found = responseUsage(field(response, 'model'), field(response, 'usage')) ?? found;
    },
    usage: () => found,
  };
}

/** The final chunk the wrapper asked for on the caller's behalf: usage only, no choices. */
export function isUsageOnlyChunk(chunk: unknown): boolean {
  const choices = field(chunk, 'choices');
  return Array.isArray(choices) && choices.length === 0 && Boolean(field(chunk, 'usage'));
}
