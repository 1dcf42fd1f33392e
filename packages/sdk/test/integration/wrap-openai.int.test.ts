import OpenAI from 'openai';
import { wrapOpenAI } from '../../src';
import { expectedCostUsd, sumOf, type Usage } from '../support/expected-cost';
import type { ProviderAnswer } from '../support/fake-provider';
import { useProviderSuite } from '../support/provider-suite';
import { asUsd } from '../support/traces';

const AS_OF = '2027-03-17T12:00:00Z';
const PROMPT = 'Summarise the confidential Q2 revenue figures';
const ANSWER_PARTS = ['Revenue ', 'grew ', 'twelve percent.'];
const tags = { agent: 'support-bot', costCenter: 'finance', project: 'q2-reporting', team: 'data-analytics' };

// What the provider reports per model: prompt totals include the cached tokens, completion totals the reasoning ones.
const CHAT_USAGE = { prompt_tokens: 1_200, completion_tokens: 300, total_tokens: 1_500, prompt_tokens_details: { cached_tokens: 200, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
const RESPONSE_USAGE = { input_tokens: 2_048, input_tokens_details: { cached_tokens: 1_024 }, output_tokens: 700, output_tokens_details: { reasoning_tokens: 512 }, total_tokens: 2_748 };
// The same calls in the gateway's buckets: input without the cached tokens.
const CHAT_BUCKETS = { inputTokens: 1_000, cacheReadTokens: 200, outputTokens: 300 };
const RESPONSE_BUCKETS = { inputTokens: 1_024, cacheReadTokens: 1_024, outputTokens: 700 };

function chatAnswer(body: Record<string, unknown>): ProviderAnswer {
  const model = body.model as string;
  const base = { id: 'chatcmpl-1', created: 1_700_000_000, model, system_fingerprint: 'fp_1' };
  if (body.stream !== true) {
    return { json: { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: ANSWER_PARTS.join(''), refusal: null }, logprobs: null, finish_reason: 'stop' }], usage: CHAT_USAGE } };
  }
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const chunk = (delta: object, finish: string | null) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) });
  return {
    sse: [
      { data: chunk({ role: 'assistant', content: '' }, null) },
      ...ANSWER_PARTS.map((part) => ({ data: chunk({ content: part }, null) })),
      { data: chunk({}, 'stop') },
      ...(includeUsage ? [{ data: { ...base, object: 'chat.completion.chunk', choices: [], usage: CHAT_USAGE } }] : []),
    ],
    done: true,
  };
}

function responseAnswer(body: Record<string, unknown>): ProviderAnswer {
  const model = body.model as string;
  const message = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: ANSWER_PARTS.join(''), annotations: [] }] };
  const response = (status: string, output: unknown[], usage: unknown) => ({ id: 'resp_1', object: 'response', created_at: 1_700_000_000, status, model, output, usage, error: null, incomplete_details: null, instructions: null, metadata: {}, parallel_tool_calls: true, temperature: 1, tool_choice: 'auto', tools: [], top_p: 1 });
  if (body.stream !== true) return { json: response('completed', [message], RESPONSE_USAGE) };
  return {
    sse: [
      { event: 'response.created', data: { type: 'response.created', sequence_number: 0, response: response('in_progress', [], null) } },
      ...ANSWER_PARTS.map((delta, i) => ({ event: 'response.output_text.delta', data: { type: 'response.output_text.delta', sequence_number: i + 1, item_id: 'msg_1', output_index: 0, content_index: 0, delta } })),
      { event: 'response.completed', data: { type: 'response.completed', sequence_number: 9, response: response('completed', [message], RESPONSE_USAGE) } },
    ],
  };
}

const suite = useProviderSuite(AS_OF, (path, body) => (path.endsWith('/responses') ? responseAnswer(body) : chatAnswer(body)));

async function wrappedOpenAI() {
  const org = await suite.newOrg();
  const openai = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${suite.provider.url}/v1`, maxRetries: 0 }), { finops: org.finops, tags });
  return { ...org, openai };
}

/** Flushes, then checks the report against the catalogue cost of `calls`, and that no content left the process. */
async function expectCharged(org: Awaited<ReturnType<typeof wrappedOpenAI>>, calls: Usage[]) {
  await org.finops.flush();
  const report = await org.reader.report({ groupBy: ['costCenter', 'project', 'team', 'agentId'] });
  expect(report.totalUsd).toBe(asUsd(sumOf(calls.map((call) => expectedCostUsd(call)))));
  expect(report.rows.map((row) => [row.costCenter, row.project, row.team, row.agentId, row.traceCount])).toEqual([['finance', 'q2-reporting', 'data-analytics', 'support-bot', calls.length]]);
  expect(org.sentBodies()).not.toContain('confidential');
  expect(org.sentBodies()).not.toContain('twelve percent');
}

const trace = (modelId: string, buckets: object, operation: string, streamed: boolean, reasoningTokens: number) => ({
  agentId: 'support-bot',
  modelId,
  ...{ inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0 },
  ...buckets,
  costCenter: 'finance',
  project: 'q2-reporting',
  team: 'data-analytics',
  metadata: { source: 'sdk', provider: 'openai', operation, streamed, reasoningTokens },
  idempotencyKey: expect.any(String),
  occurredAt: expect.any(String),
});

describe('wrapOpenAI with the real openai client', () => {
  test('when a chat completion is created, then its trace has the model, the token buckets and the tags, and the exact cost is charged', async () => {
    const org = await wrappedOpenAI();
    const completion = await org.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }] });
    expect(completion.choices[0]?.message.content).toBe(ANSWER_PARTS.join(''));

    await expectCharged(org, [{ modelId: 'gpt-4o', ...CHAT_BUCKETS }]);
    expect(org.sentTraces()).toEqual([trace('gpt-4o', CHAT_BUCKETS, 'chat.completions', false, 0)]);
  });

  test('when a chat completion is streamed without asking for usage, then usage is asked for, its chunk is kept from the caller, and the call is charged', async () => {
    const org = await wrappedOpenAI();
    const stream = await org.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(suite.provider.received.at(-1)?.stream_options).toEqual({ include_usage: true });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual(['', ...ANSWER_PARTS, null]);
    expect(chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
    await expectCharged(org, [{ modelId: 'gpt-4o-mini', ...CHAT_BUCKETS }]);
    expect(org.sentTraces()).toEqual([trace('gpt-4o-mini', CHAT_BUCKETS, 'chat.completions', true, 0)]);
  });

  test('when the caller streams with include_usage itself, then they see the usage chunk, and a tee()d stream is charged once', async () => {
    const org = await wrappedOpenAI();
    const stream = await org.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }], stream: true, stream_options: { include_usage: true } });
    const [left, right] = stream.tee();
    const read = async (branch: typeof left) => {
      const usage = [];
      for await (const chunk of branch) usage.push(chunk.usage ?? null);
      return usage.filter(Boolean);
    };
    const [leftUsage, rightUsage] = await Promise.all([read(left), read(right)]);

    expect([leftUsage, rightUsage]).toEqual([[CHAT_USAGE], [CHAT_USAGE]]);
    await expectCharged(org, [{ modelId: 'gpt-4o', ...CHAT_BUCKETS }]);
  });

  test('when responses are created and streamed, then each is charged with its cached input and reasoning output', async () => {
    const org = await wrappedOpenAI();
    const response = await org.openai.responses.create({ model: 'o4-mini', input: PROMPT });
    expect(response.output_text).toBe(ANSWER_PARTS.join(''));
    const stream = await org.openai.responses.create({ model: 'o4-mini', input: PROMPT, stream: true });
    const deltas = [];
    for await (const event of stream) if (event.type === 'response.output_text.delta') deltas.push(event.delta);
    expect(deltas).toEqual(ANSWER_PARTS);

    await expectCharged(org, [{ modelId: 'o4-mini', ...RESPONSE_BUCKETS }, { modelId: 'o4-mini', ...RESPONSE_BUCKETS }]);
    expect(org.sentTraces()).toEqual([trace('o4-mini', RESPONSE_BUCKETS, 'responses', false, 512), trace('o4-mini', RESPONSE_BUCKETS, 'responses', true, 512)]);
  });

  test('when the raw response is read with asResponse(), then its body is left to the caller, while withResponse() and parse() are charged', async () => {
    const org = await wrappedOpenAI();
    const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: PROMPT }] };
    const raw = await org.openai.chat.completions.create(body).asResponse();
    expect(((await raw.json()) as { usage: unknown }).usage).toEqual(CHAT_USAGE);
    const { data } = await org.openai.chat.completions.create(body).withResponse();
    expect(data.usage).toEqual(CHAT_USAGE);
    const parsed = await org.openai.chat.completions.parse(body);
    expect(parsed.choices[0]?.message.content).toBe(ANSWER_PARTS.join(''));

    await expectCharged(org, [{ modelId: 'gpt-4o', ...CHAT_BUCKETS }, { modelId: 'gpt-4o', ...CHAT_BUCKETS }]);
  });

  test('when the stream() helper is used, then its call is charged too', async () => {
    const org = await wrappedOpenAI();
    const runner = org.openai.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }] });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe(ANSWER_PARTS.join(''));

    await expectCharged(org, [{ modelId: 'gpt-4o', ...CHAT_BUCKETS }]);
  });
});
