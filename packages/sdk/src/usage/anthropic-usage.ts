import { count, field, type ModelUsage, type StreamUsage } from './model-usage';


/**
 * Anthropic reports cache reads and writes beside `input_tokens` (not within it), as the gateway does, and thinking
 * inside `output_tokens` (`output_tokens_details.thinking_tokens` says how much).
 */
export function messageUsage(modelId: unknown, usage: unknown): ModelUsage | undefined {
  if (typeof modelId !== 'string' || modelId.length === 0 || !usage || typeof usage !== 'object') return undefined;
  return {
    modelId,
    inputTokens: count(field(usage, 'input_tokens')),
    cacheReadTokens: count(field(usage, 'cache_read_input_tokens')),
    cacheWriteTokens: count(field(usage, 'cache_creation_input_tokens')),
    outputTokens: count(field(usage, 'output_tokens')),
    reasoningTokens: count(field(field(usage, 'output_tokens_details'), 'thinking_tokens')),
  };
}

const USAGE_FIELDS = ['input_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'output_tokens', 'output_tokens_details'] as const;

/**
 * `message_start` carries the input side (and a first output count); each `message_delta` carries cumulative counts,
 * where a field left null keeps the value `message_start` gave.
 */
export function messageStreamUsage(): StreamUsage {
  let modelId: unknown;
  const totals: Record<string, unknown> = {};
  let seen = false;
  const fold = (usage: unknown) => {
    for (const name of USAGE_FIELDS) {
      const value = field(usage, name);
      if (value !== null && value !== undefined) totals[name] = value;
    }
    seen = true;
  };
  return {
    observe: (event) => {
      const type = field(event, 'type');
      if (type === 'message_start') {
        const message = field(event, 'message');
        modelId = field(message, 'model');
        fold(field(message, 'usage'));
      } else if (type === 'message_delta' && field(event, 'usage')) {
        fold(field(event, 'usage'));
      }
    },
    usage: () => (seen ? messageUsage(modelId, totals) : undefined),
  };
}
