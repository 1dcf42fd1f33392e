import Anthropic from '@anthropic-ai/sdk';
import { wrapAnthropic } from '../../src';
import { expectedCostUsd, sumOf, type Usage } from '../support/expected-cost';
import type { ProviderAnswer } from '../support/fake-provider';
import { apiPost } from '../support/gateway';
import { useProviderSuite } from '../support/provider-suite';
import { asUsd } from '../support/traces';

const AS_OF = '2027-03-17T12:00:00Z';
const PROMPT = 'Summarise the confidential Q2 revenue figures';
const ANSWER_PARTS = ['Revenue ', 'grew ', 'twelve percent.'];
const tags = { agent: 'research-agent', costCenter: 'finance', team: 'data-analytics' };

// Anthropic reports cache reads and writes beside input_tokens, so they map one to one onto the gateway's buckets.
const MESSAGE_USAGE = { input_tokens: 1_500, cache_creation_input_tokens: 2_000, cache_read_input_tokens: 3_000, output_tokens: 420, output_tokens_details: { thinking_tokens: 96 } };
const BUCKETS = { inputTokens: 1_500, cacheWriteTokens: 2_000, cacheReadTokens: 3_000, outputTokens: 420 };

function messageAnswer(body: Record<string, unknown>): ProviderAnswer {
  const message = (content: unknown[], usage: unknown, stopReason: string | null) => ({ id: 'msg_1', type: 'message', role: 'assistant', model: body.model, content, stop_reason: stopReason, stop_sequence: null, usage });
  if (body.stream !== true) return { json: message([{ type: 'text', text: ANSWER_PARTS.join(''), citations: null }], MESSAGE_USAGE, 'end_turn') };
  const event = (type: string, data: object) => ({ event: type, data: { type, ...data } });
  return {
    sse: [
      // message_start: the input side and a first output count; message_delta: the final output count, input fields null.
      event('message_start', { message: message([], { ...MESSAGE_USAGE, output_tokens: 1, output_tokens_details: null }, null) }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: null } }),
      ...ANSWER_PARTS.map((text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 420, input_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens_details: { thinking_tokens: 96 } } }),
      event('message_stop', {}),
    ],
  };
}

const suite = useProviderSuite(AS_OF, (_path, body) => messageAnswer(body));

async function wrappedAnthropic() {
  const org = await suite.newOrg();
  const anthropic = wrapAnthropic(new Anthropic({ apiKey: 'sk-ant-test', baseURL: suite.provider.url, maxRetries: 0 }), { finops: org.finops, tags });
  return { ...org, anthropic };
}

async function expectCharged(org: Awaited<ReturnType<typeof wrappedAnthropic>>, calls: Usage[]) {
  await org.finops.flush();
  const report = await org.reader.report({ groupBy: ['costCenter', 'team', 'agentId'] });
  expect(report.totalUsd).toBe(asUsd(sumOf(calls.map((call) => expectedCostUsd(call)))));
  expect(report.rows.map((row) => [row.costCenter, row.team, row.agentId, row.traceCount, row.cacheReadTokens, row.cacheWriteTokens])).toEqual([
    ['finance', 'data-analytics', 'research-agent', calls.length, 3_000 * calls.length, 2_000 * calls.length],
  ]);
  expect(org.sentBodies()).not.toContain('confidential');
  expect(org.sentBodies()).not.toContain('twelve percent');
}

const trace = (streamed: boolean) => ({
  agentId: 'research-agent',
  modelId: 'claude-sonnet-4-6',
  ...BUCKETS,
  costCenter: 'finance',
  team: 'data-analytics',
  metadata: { source: 'sdk', provider: 'anthropic', operation: 'messages', streamed, reasoningTokens: 96 },
  idempotencyKey: expect.any(String),
  occurredAt: expect.any(String),
});

const request = { model: 'claude-sonnet-4-6', max_tokens: 1_024, messages: [{ role: 'user' as const, content: PROMPT }] };

describe('wrapAnthropic with the real @anthropic-ai/sdk client', () => {
  test('when a message is created, then its trace has the model, the cache buckets and the tags, and the exact cost is charged', async () => {
    const org = await wrappedAnthropic();
    const message = await org.anthropic.messages.create(request);
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: ANSWER_PARTS.join('') })]);

    await expectCharged(org, [{ modelId: 'claude-sonnet-4-6', ...BUCKETS }]);
    expect(org.sentTraces()).toEqual([trace(false)]);
  });

  test('when a message is streamed, then usage is folded from message_start and message_delta and charged once', async () => {
    const org = await wrappedAnthropic();
    const stream = await org.anthropic.messages.create({ ...request, stream: true });
    const texts = [];
    for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') texts.push(event.delta.text);
    expect(texts).toEqual(ANSWER_PARTS);

    await expectCharged(org, [{ modelId: 'claude-sonnet-4-6', ...BUCKETS }]);
    expect(org.sentTraces()).toEqual([trace(true)]);
  });

  test('when the caller stops reading a stream early, then what message_start reported is charged, once', async () => {
    const org = await wrappedAnthropic();
    const stream = await org.anthropic.messages.create({ ...request, stream: true });
    for await (const event of stream) if (event.type === 'content_block_delta') break;

    // The input side was billed whatever happened next; of the output, only message_start's first count is known.
    const known = { ...BUCKETS, outputTokens: 1 };
    await expectCharged(org, [{ modelId: 'claude-sonnet-4-6', ...known }]);
    expect(org.sentTraces()).toEqual([{ ...trace(true), outputTokens: 1, metadata: { ...trace(true).metadata, reasoningTokens: 0 } }]);
  });

  test('when the messages.stream() helper is used, then its call is charged too', async () => {
    const org = await wrappedAnthropic();
    const final = await org.anthropic.messages.stream(request).finalMessage();
    expect(final.usage.output_tokens).toBe(420);

    await expectCharged(org, [{ modelId: 'claude-sonnet-4-6', ...BUCKETS }]);
  });

  test('when a wrapped call runs inside withBudget, then its trace consumes the reservation and the cap is charged its exact cost', async () => {
    const org = await wrappedAnthropic();
    await apiPost(suite.gateway.url, org.apiKey, '/guard/policies', { scope: 'agent', agentId: 'research-agent', limitUsd: '10', periodType: 'daily' });
    let reservationId: string | undefined;
    await org.finops.withBudget({ agentId: 'research-agent', modelId: 'claude-sonnet-4-6', maxInputTokens: 8_000, maxOutputTokens: 1_024 }, async (step) => {
      reservationId = step.reservationId;
      await org.anthropic.messages.create(request);
    });

    const cost = expectedCostUsd({ modelId: 'claude-sonnet-4-6', ...BUCKETS });
    await expectCharged(org, [{ modelId: 'claude-sonnet-4-6', ...BUCKETS }]);
    expect(org.sentTraces()).toEqual([{ ...trace(false), reservationId }]);
    expect(await org.finops.check({ agentId: 'research-agent', estimatedCostUsd: '0' })).toMatchObject({ decision: 'allow', remainingUsd: asUsd(cost.negated().plus(10)) });
  });
});
