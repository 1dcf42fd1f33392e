import { randomBytes } from 'node:crypto';
import { context, SpanKind, trace, type Span } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The BatchSpanProcessor's default maxExportBatchSize: what an instrumented service sends per export. */
export const SPANS_PER_EXPORT = 512;

const CHATS_PER_RUN = 4;
const TOOLS_PER_RUN = 3;
const SPANS_PER_RUN = 1 + CHATS_PER_RUN + TOOLS_PER_RUN;
const RUNS = SPANS_PER_EXPORT / SPANS_PER_RUN;
/** Each agent run's chat spans: one trace each, priced; the agent and tool spans are read and not counted. */
export const TRACES_PER_EXPORT = RUNS * CHATS_PER_RUN;

const MODELS = [
  { provider: 'anthropic', model: 'claude-sonnet-4-6' },
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'gcp.gemini', model: 'gemini-2.5-flash' },
  { provider: 'anthropic', model: 'claude-haiku-4-5' },
];
const PROJECTS = ['q2-reporting', 'chatbot', 'search', 'onboarding'];
const TEAMS = ['data-analytics', 'platform', 'growth', 'cx'];

export interface OtlpExportBodies {
  /** The export in protobuf, base64 (it crosses the load generator's IPC as text). */
  protobufBase64: string;
  /** Hex of the 8 bytes every trace id starts with; the load generator replaces them per request (see load-worker). */
  traceIdPlaceholder: string;
}

/**
 * One 512-span export as the OpenTelemetry JS SDK encodes it (its own protobuf serializer): 64 agent runs, each an
 * invoke_agent span carrying the project and team, over 4 chat spans with the current GenAI usage attributes (some
 * with cache reads and writes) and 3 tool spans; the resource names the service and its cost center.
 */
export function otlpExportBodies(): OtlpExportBodies {
  const placeholder = randomBytes(8).toString('hex');
  let traceIndex = 0;
  let spanIndex = 0;
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'research-agent', 'deployment.environment': 'production', 'finops.cost_center': 'research' }),
    idGenerator: {
      generateTraceId: () => placeholder + (traceIndex++).toString(16).padStart(16, '0'),
      generateSpanId: () => (++spanIndex).toString(16).padStart(16, '0'),
    },
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('finops-bench');
  const startMs = Date.now();
  for (let run = 0; run < RUNS; run += 1) {
    const agent = tracer.startSpan(`invoke_agent planner-${run % 8}`, {
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': `planner-${run % 8}`, 'finops.project': PROJECTS[run % PROJECTS.length], 'finops.team': TEAMS[run % TEAMS.length] },
      startTime: startMs,
    });
    const inAgent = trace.setSpan(context.active(), agent);
    const children: Span[] = [];
    for (let chat = 0; chat < CHATS_PER_RUN; chat += 1) {
      const { provider: system, model } = MODELS[(run + chat) % MODELS.length]!;
      const cached = chat % 2 === 1;
      children.push(
        tracer.startSpan(
          `chat ${model}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'gen_ai.operation.name': 'chat',
              'gen_ai.provider.name': system,
              'gen_ai.request.model': model,
              'gen_ai.response.model': model,
              'gen_ai.request.max_tokens': 4096,
              'gen_ai.response.finish_reasons': ['stop'],
              'gen_ai.usage.input_tokens': 1200 + ((run * 37 + chat) % 2000),
              'gen_ai.usage.output_tokens': 150 + ((run * 13 + chat) % 600),
              ...(cached ? { 'gen_ai.usage.cache_read.input_tokens': 800, 'gen_ai.usage.cache_creation.input_tokens': 200 } : {}),
              'server.address': 'api.example.com',
            },
            startTime: startMs + chat * 10,
          },
          inAgent,
        ),
      );
    }
    for (let tool = 0; tool < TOOLS_PER_RUN; tool += 1) {
      children.push(tracer.startSpan(`execute_tool search_${tool}`, { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `search_${tool}` }, startTime: startMs }, inAgent));
    }
    for (const child of children) child.end(startMs + 50);
    agent.end(startMs + 100);
  }
  const body = ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans());
  if (!body) throw new Error('the OpenTelemetry serializer produced no body');
  return { protobufBase64: Buffer.from(body).toString('base64'), traceIdPlaceholder: placeholder };
}
