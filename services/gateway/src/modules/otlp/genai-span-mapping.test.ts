import { mapExport } from './genai-span-mapping';
import { normalizeProvider } from './genai-provider';
import type { AttributeValue, OtlpSpan } from './otlp-spans';

const TRACE = 'aa'.repeat(16);
const resource = new Map<string, AttributeValue>([
  ['service.name', 'billing-bot'],
  ['finops.cost_center', 'finance'],
]);

function span(spanId: string, attributes: Record<string, AttributeValue>, parentSpanId?: string): OtlpSpan {
  return { traceId: TRACE, spanId: spanId.padStart(16, '0'), parentSpanId: parentSpanId?.padStart(16, '0'), name: `span ${spanId}`, startTimeMs: 1_805_281_200_000, attributes: new Map(Object.entries(attributes)), resource };
}

const chat = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 10n };

describe('mapExport', () => {
  test('when inference spans sit under an invoke_agent span, then they are attributed to it and the agent span is not a trace', () => {
    const mapped = mapExport([
      span('1', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.id': 'agt_7', 'gen_ai.agent.name': 'Planner', 'finops.team': 'core' }),
      span('2', { 'gen_ai.operation.name': 'execute_tool' }, '1'),
      span('3', chat, '2'),
    ]);

    expect(mapped.traces).toEqual([
      {
        idempotencyKey: `otlp:${TRACE}:0000000000000003`,
        trace: expect.objectContaining({ agentId: 'agt_7', modelId: 'gpt-4o', costCenter: 'finance', team: 'core', occurredAt: '2027-03-17T11:00:00.000Z' }),
      },
    ]);
    expect(mapped.traces[0]!.trace.metadata).toEqual({ source: 'otlp', traceId: TRACE, spanId: '0000000000000003', agentName: 'Planner' });
  });

  test('when the span names its own agent, then that wins over the ancestor; without either the service is the agent', () => {
    const mapped = mapExport([
      span('1', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'outer' }),
      span('2', { ...chat, 'gen_ai.agent.name': 'inner' }, '1'),
      span('3', chat),
    ]);

    expect(mapped.traces.map((t) => t.trace.agentId)).toEqual(['inner', 'billing-bot']);
  });

  test('when the org maps attributes, then the nearest layer holding one fills the dimension, and finops.* and agent spans still win', () => {
    const mappings = new Map([
      ['project', 'app.area'],
      ['costCenter', 'service.name'],
      ['agentId', 'app.workflow'],
    ] as const);
    const mapped = mapExport(
      [
        span('1', { 'gen_ai.operation.name': 'execute_tool', 'app.area': 'refunds', 'app.workflow': 'refund-flow' }),
        span('2', { ...chat, 'app.area': 'disputes' }, '1'),
        span('3', chat, '1'),
        span('4', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'planner' }),
        span('5', chat, '4'),
      ],
      mappings,
    );

    expect(mapped.traces.map(({ trace }) => [trace.agentId, trace.project, trace.costCenter])).toEqual([
      ['refund-flow', 'disputes', 'finance'],
      ['refund-flow', 'refunds', 'finance'],
      ['planner', undefined, 'finance'],
    ]);
  });

  test('when a mapped attribute is longer than a tag may be, then it is ignored with a warning', () => {
    const mapped = mapExport([span('1', { ...chat, owner: 'x'.repeat(129) })], new Map([['team', 'owner']]));

    expect(mapped.traces[0]!.trace.team).toBeUndefined();
    expect([...mapped.warnings.keys()]).toEqual(['attribute owner ignored: is longer than 128 characters']);
  });

  test('when the response model is set, then it wins over the request model; the provider is normalised', () => {
    const [only] = mapExport([span('1', { ...chat, 'gen_ai.response.model': 'gpt-4o-2024-11-20', 'gen_ai.system': 'az.ai.openai' })]).traces;

    expect(only!.trace.modelId).toBe('gpt-4o-2024-11-20');
    expect(only!.trace.metadata).toMatchObject({ provider: 'azure.ai.openai' });
  });

  test('when the Vercel AI SDK emits generateText over doGenerate, then only doGenerate counts and the outer total is a warning', () => {
    const mapped = mapExport([
      span('1', { 'ai.operationId': 'ai.generateText', 'ai.usage.promptTokens': 20n, 'ai.telemetry.functionId': 'summariser' }),
      span('2', { 'ai.operationId': 'ai.generateText.doGenerate', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 20n, 'ai.telemetry.functionId': 'summariser' }, '1'),
    ]);

    expect(mapped.traces.map((t) => [t.trace.agentId, t.trace.inputTokens])).toEqual([['summariser', 20]]);
    expect([...mapped.warnings.values()]).toEqual([1]);
  });

  test('when a span repeats in one export or has no model or bad ids, then it is counted once, rejected, rejected', () => {
    const mapped = mapExport([span('1', chat), span('1', chat), span('2', { 'gen_ai.operation.name': 'chat' }), { ...span('3', chat), spanId: 'zz' }]);

    expect(mapped.traces).toHaveLength(1);
    expect([...mapped.rejected]).toEqual([
      ['inference span without gen_ai.response.model or gen_ai.request.model', 1],
      ['span without a valid trace id and span id', 1],
    ]);
    expect([...mapped.warnings]).toEqual([['span sent twice in one export, counted once', 1]]);
  });

  test('when a dimension is longer than a tag may be, then it is dropped with a warning and the span still counts', () => {
    const mapped = mapExport([span('1', { ...chat, 'finops.project': 'p'.repeat(500) })]);

    expect(mapped.traces[0]!.trace.project).toBeUndefined();
    expect([...mapped.warnings.keys()]).toEqual(['attribute finops.project ignored: is longer than 128 characters']);
  });
});

describe('normalizeProvider', () => {
  test.each([
    ['Anthropic', 'anthropic'],
    ['AWS', 'aws.bedrock'],
    ['aws.bedrock', 'aws.bedrock'],
    ['az.ai.openai', 'azure.ai.openai'],
    ['openai.chat', 'openai'],
    ['google.vertex.chat', 'gcp.vertex_ai'],
    ['anthropic.messages', 'anthropic'],
    ['my-own-llm', 'my-own-llm'],
  ])('when gen_ai.system is %s, then the provider is %s', (raw, expected) => {
    expect(normalizeProvider(raw)).toBe(expected);
  });
});
