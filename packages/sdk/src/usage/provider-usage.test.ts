import { messageStreamUsage, messageUsage } from './anthropic-usage';
import { chatCompletionUsage, isUsageOnlyChunk, responseStreamUsage, responseUsage } from './openai-usage';

describe('OpenAI usage', () => {
  test('when details are missing (older models, other OpenAI-compatible servers), then nothing is cached or reasoning', () => {
    expect(chatCompletionUsage('gpt-4o', { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 })).toEqual({
      modelId: 'gpt-4o', inputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 5, reasoningTokens: 0,
    });
  });

  test('when the Responses API reports cache writes, then they leave the input bucket like cache reads', () => {
    const usage = { input_tokens: 1_000, input_tokens_details: { cached_tokens: 300, cache_write_tokens: 200 }, output_tokens: 50, output_tokens_details: { reasoning_tokens: 20 } };
    expect(responseUsage('gpt-5', usage)).toEqual({ modelId: 'gpt-5', inputTokens: 500, cacheReadTokens: 300, cacheWriteTokens: 200, outputTokens: 50, reasoningTokens: 20 });
  });

  test('when counts are inconsistent or not numbers, then no bucket goes negative or fractional', () => {
    expect(chatCompletionUsage('gpt-4o', { prompt_tokens: 5, prompt_tokens_details: { cached_tokens: 9 }, completion_tokens: '7' })).toMatchObject({ inputTokens: 0, cacheReadTokens: 9, outputTokens: 0 });
    expect(chatCompletionUsage('gpt-4o', { prompt_tokens: 2.7, completion_tokens: -1 })).toMatchObject({ inputTokens: 2, outputTokens: 0 });
  });

  test('when there is no model or no usage, then there is no usage to record', () => {
    expect(chatCompletionUsage(undefined, { prompt_tokens: 1 })).toBeUndefined();
    expect(chatCompletionUsage('gpt-4o', null)).toBeUndefined();
  });

  test('when a response stream ends, then only its terminal event is read', () => {
    const stream = responseStreamUsage();
    stream.observe({ type: 'response.created', response: { model: 'o3', usage: null } });
    expect(stream.usage()).toBeUndefined();
    stream.observe({ type: 'response.incomplete', response: { model: 'o3', usage: { input_tokens: 4, output_tokens: 2 } } });
    expect(stream.usage()).toMatchObject({ modelId: 'o3', inputTokens: 4, outputTokens: 2 });
  });

  test('when a chunk has choices, then it is not the usage-only chunk, even with usage', () => {
    expect(isUsageOnlyChunk({ choices: [], usage: { prompt_tokens: 1 } })).toBe(true);
    expect(isUsageOnlyChunk({ choices: [{ index: 0 }], usage: { prompt_tokens: 1 } })).toBe(false);
    expect(isUsageOnlyChunk({ choices: [], usage: null })).toBe(false);
  });
});

describe('Anthropic usage', () => {
  test('when cache fields are null (no prompt caching), then the cache buckets are 0', () => {
    expect(messageUsage('claude-haiku-4-5', { input_tokens: 12, output_tokens: 3, cache_read_input_tokens: null, cache_creation_input_tokens: null })).toEqual({
      modelId: 'claude-haiku-4-5', inputTokens: 12, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 3, reasoningTokens: 0,
    });
  });

  test('when message_delta repeats a count, then the latest cumulative value counts, not the sum', () => {
    const stream = messageStreamUsage();
    stream.observe({ type: 'message_start', message: { model: 'claude-sonnet-4-6', usage: { input_tokens: 100, output_tokens: 1 } } });
    stream.observe({ type: 'message_delta', usage: { output_tokens: 40 } });
    stream.observe({ type: 'message_delta', usage: { output_tokens: 90, input_tokens: 120 } });
    expect(stream.usage()).toMatchObject({ inputTokens: 120, outputTokens: 90 });
  });

  test('when no message_start was seen, then there is no usage to record', () => {
    const stream = messageStreamUsage();
    stream.observe({ type: 'ping' });
    expect(stream.usage()).toBeUndefined();
  });
});
