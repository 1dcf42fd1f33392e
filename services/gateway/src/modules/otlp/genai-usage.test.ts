import { readUsage, toTokenFields } from './genai-usage';
import type { AttributeValue } from './otlp-spans';
import type { IgnoredAttribute } from './span-attributes';

const fieldsOf = (attributes: Record<string, AttributeValue>) => toTokenFields(readUsage(new Map(Object.entries(attributes)), []));

describe('token buckets from GenAI span attributes (each token priced once)', () => {
  test('when the current conventions report cache inside input_tokens, then the cache comes off the input', () => {
    expect(
      fieldsOf({
        'gen_ai.usage.input_tokens': 3000n,
        'gen_ai.usage.cache_read.input_tokens': 1000n,
        'gen_ai.usage.cache_write.input_tokens': 400n,
        'gen_ai.usage.output_tokens': 500n,
        'gen_ai.usage.reasoning.output_tokens': 200n,
      }),
    ).toEqual({ inputTokens: 1600, outputTokens: 500, cacheReadTokens: 1000, cacheWriteTokens: 400 });
  });

  test('when an instrumentation passes Anthropic’s raw counts (input below the cache), then input is already uncached', () => {
    expect(
      fieldsOf({
        'gen_ai.usage.input_tokens': 12n,
        'gen_ai.usage.cache_read_input_tokens': 9000n,
        'gen_ai.usage.cache_creation_input_tokens': 300n,
        'gen_ai.usage.output_tokens': 80n,
      }),
    ).toEqual({ inputTokens: 12, outputTokens: 80, cacheReadTokens: 9000, cacheWriteTokens: 300 });
  });

  test('when raw counts are declared with finops.usage.input_includes_cache=false, then input is not reduced', () => {
    expect(
      fieldsOf({ 'gen_ai.usage.input_tokens': 5000n, 'gen_ai.usage.cache_read.input_tokens': 2000n, 'finops.usage.input_includes_cache': false }),
    ).toEqual({ inputTokens: 5000, outputTokens: 0, cacheReadTokens: 2000 });
  });

  test('when OpenLLMetry’s older prompt/completion tokens come with a total, then the split is used and the total only checks it', () => {
    expect(fieldsOf({ 'gen_ai.usage.prompt_tokens': 1200n, 'gen_ai.usage.completion_tokens': 300n, 'llm.usage.total_tokens': 1500n })).toEqual({
      inputTokens: 1200,
      outputTokens: 300,
    });
  });

  test('when OpenInference’s llm.token_count.* are sent, then prompt includes its cache details as in the conventions', () => {
    expect(
      fieldsOf({
        'llm.token_count.prompt': 800n,
        'llm.token_count.prompt_details.cache_read': 300n,
        'llm.token_count.completion': 40n,
        'llm.token_count.completion_details.reasoning': 10n,
        'llm.token_count.total': 840n,
      }),
    ).toEqual({ inputTokens: 500, outputTokens: 40, cacheReadTokens: 300 });
  });

  test('when Sentry’s input_tokens.cached and input_tokens.cache_write are sent, then they are the cache buckets', () => {
    expect(
      fieldsOf({ 'gen_ai.usage.input_tokens': 1000n, 'gen_ai.usage.input_tokens.cached': 600n, 'gen_ai.usage.input_tokens.cache_write': 100n, 'gen_ai.usage.output_tokens': 5n }),
    ).toEqual({ inputTokens: 300, outputTokens: 5, cacheReadTokens: 600, cacheWriteTokens: 100 });
  });

  test('when reasoning is reported beside a smaller output count, then it is added to the output once', () => {
    expect(fieldsOf({ 'gen_ai.usage.input_tokens': 10n, 'gen_ai.usage.output_tokens': 50n, 'gen_ai.usage.reasoning.output_tokens': 900n })).toEqual({
      inputTokens: 10,
      outputTokens: 950,
    });
  });

  test('when only a total is sent, then it is priced at the blended rate as tokensUsed', () => {
    expect(fieldsOf({ 'llm.usage.total_tokens': 1840n })).toEqual({ tokensUsed: 1840 });
  });

  test('when the Vercel AI SDK’s ai.usage.* are the only counts, then they are read', () => {
    expect(fieldsOf({ 'ai.usage.promptTokens': 20n, 'ai.usage.completionTokens': 7n })).toEqual({ inputTokens: 20, outputTokens: 7 });
  });

  test('when counts are strings, integral doubles or out of range, then usable ones are read and the others reported', () => {
    const ignored: IgnoredAttribute[] = [];
    const usage = readUsage(
      new Map<string, AttributeValue>([
        ['gen_ai.usage.input_tokens', ' 42 '],
        ['gen_ai.usage.output_tokens', 7],
        ['gen_ai.usage.cache_read.input_tokens', 1.5],
        ['gen_ai.usage.cache_write.input_tokens', 10n ** 12n],
        ['gen_ai.usage.reasoning.output_tokens', ['1']],
      ]),
      ignored,
    );

    expect(toTokenFields(usage)).toEqual({ inputTokens: 42, outputTokens: 7 });
    expect(ignored.map((each) => each.key)).toEqual([
      'gen_ai.usage.cache_read.input_tokens',
      'gen_ai.usage.cache_write.input_tokens',
      'gen_ai.usage.reasoning.output_tokens',
    ]);
  });
});
