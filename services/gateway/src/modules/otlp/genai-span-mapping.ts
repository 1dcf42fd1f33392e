import { limits, type OtlpMappedDimension, type TaggableDimension, type TraceIngest } from '@finops/contracts';
import { genAiSpanKind } from './genai-span-kind';
import { normalizeProvider } from './genai-provider';
import { hasAnyUsage, readUsage, toTokenFields } from './genai-usage';
import type { Attributes, OtlpSpan } from './otlp-spans';
import { readText, type IgnoredAttribute } from './span-attributes';

/** Reasons with how many spans (or attributes) each applies to; partial_success's message is written from these. */
export type ReasonCounts = Map<string, number>;

export interface MappedSpan {
  /** The span's trace id + span id: a retried or duplicated export stores the span once. */
  idempotencyKey: string;
  trace: TraceIngest;
}

export interface MappedExport {
  traces: MappedSpan[];
  rejected: ReasonCounts;
  warnings: ReasonCounts;
}

/** An org's attribute key by dimension (see attribute-mappings.routes): what fills a dimension no documented attribute sets. */
export type DimensionMappings = ReadonlyMap<OtlpMappedDimension, string>;

export const DIMENSION_ATTRIBUTES: Record<TaggableDimension, string> = {
  costCenter: 'finops.cost_center',
  project: 'finops.project',
  team: 'finops.team',
};

const MODEL_ATTRIBUTES = ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'ai.model.id'];
const PROVIDER_ATTRIBUTES = ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system', 'ai.model.provider'];
const AGENT_ID_ATTRIBUTES = ['gen_ai.agent.id', 'gen_ai.agent.name'];
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_ID = /^0+$/;

const add = (counts: ReasonCounts, reason: string, by = 1) => counts.set(reason, (counts.get(reason) ?? 0) + by);

/** The span's ancestors within this export, nearest first (a parent in another export is simply not seen). */
function ancestorsOf(span: OtlpSpan, byId: ReadonlyMap<string, OtlpSpan>): OtlpSpan[] {
  const ancestors: OtlpSpan[] = [];
  const seen = new Set([span.spanId]);
  let parent = span.parentSpanId ? byId.get(`${span.traceId}:${span.parentSpanId}`) : undefined;
  while (parent && !seen.has(parent.spanId)) {
    ancestors.push(parent);
    seen.add(parent.spanId);
    parent = parent.parentSpanId ? byId.get(`${parent.traceId}:${parent.parentSpanId}`) : undefined;
  }
  return ancestors;
}

interface Agent {
  id: string;
  name: string | undefined;
}

/** The first of the layers (span, ancestors, resource) that holds `key` as text. */
function layeredText(key: string, layers: readonly Attributes[]): string | undefined {
  for (const attributes of layers) {
    const value = readText(attributes, [key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function agentOf(span: OtlpSpan, ancestors: OtlpSpan[], layers: readonly Attributes[], mappedKey: string | undefined): Agent {
  const own = readText(span.attributes, AGENT_ID_ATTRIBUTES);
  if (own !== undefined) return { id: own, name: readText(span.attributes, ['gen_ai.agent.name']) };
  const agentSpan = ancestors.find((ancestor) => genAiSpanKind(ancestor.attributes) === 'agent');
  if (agentSpan) {
    const name = readText(agentSpan.attributes, ['gen_ai.agent.name']);
    return { id: readText(agentSpan.attributes, AGENT_ID_ATTRIBUTES) ?? agentSpan.name, name };
  }
  const mapped = mappedKey === undefined ? undefined : layeredText(mappedKey, layers);
  if (mapped !== undefined) return { id: mapped, name: undefined };
  // Without an agent in the conventions' sense, the Vercel AI SDK's functionId or the service is the closest owner.
  const fallback = readText(span.attributes, ['ai.telemetry.functionId']) ?? readText(span.resource, ['service.name']) ?? 'unknown';
  return { id: fallback, name: undefined };
}

/** A tag from the span, else its nearest ancestor that sets it, else the resource. */
function tagOf(key: string, layers: readonly Attributes[], ignored: IgnoredAttribute[]): string | undefined {
  const value = layeredText(key, layers);
  if (value === undefined || value.length <= limits.tagMaxLength) return value;
  ignored.push({ key, reason: `is longer than ${limits.tagMaxLength} characters` });
  return undefined;
}

/** The documented finops.* attribute wins; the org's mapped attribute fills the dimension where none is usable. */
function dimensionOf(dimension: TaggableDimension, layers: readonly Attributes[], mappings: DimensionMappings, ignored: IgnoredAttribute[]): string | undefined {
  const documented = tagOf(DIMENSION_ATTRIBUTES[dimension], layers, ignored);
  const mappedKey = mappings.get(dimension);
  return documented ?? (mappedKey === undefined ? undefined : tagOf(mappedKey, layers, ignored));
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function mapInferenceSpan(span: OtlpSpan, ancestors: OtlpSpan[], mappings: DimensionMappings, ignored: IgnoredAttribute[]): TraceIngest | string {
  const model = readText(span.attributes, MODEL_ATTRIBUTES);
  if (model === undefined) return 'inference span without gen_ai.response.model or gen_ai.request.model';
  if (model.length > limits.identifierMaxLength) return `model name longer than ${limits.identifierMaxLength} characters`;
  const layers = [span.attributes, ...ancestors.map((ancestor) => ancestor.attributes), span.resource];
  const agent = agentOf(span, ancestors, layers, mappings.get('agentId'));
  const usage = readUsage(span.attributes, ignored);
  const provider = normalizeProvider(readText(span.attributes, PROVIDER_ATTRIBUTES));
  const trace: TraceIngest = {
    agentId: clip(agent.id, limits.identifierMaxLength),
    modelId: model,
    ...toTokenFields(usage),
    costCenter: dimensionOf('costCenter', layers, mappings, ignored),
    project: dimensionOf('project', layers, mappings, ignored),
    team: dimensionOf('team', layers, mappings, ignored),
    metadata: {
      source: 'otlp',
      traceId: span.traceId,
      spanId: span.spanId,
      ...(provider !== undefined ? { provider } : {}),
      ...(agent.name !== undefined ? { agentName: agent.name } : {}),
    },
  };
  if (span.startTimeMs !== undefined) trace.occurredAt = new Date(span.startTimeMs).toISOString();
  if (!hasAnyUsage(usage)) ignored.push({ key: '(span)', reason: 'inference span without token usage: stored with 0 tokens' });
  return trace;
}

/**
 * Maps one export onto the trace ingest contract: one inference span = one trace; agent, tool and workflow spans
 * are never counted, only read for the agent and the dimensions of the inference spans under them. Nothing here
 * throws on odd input: a span that cannot become a trace is counted under its reason in `rejected`, an attribute
 * that cannot be used under its reason in `warnings`.
 */
export function mapExport(spans: readonly OtlpSpan[], mappings: DimensionMappings = new Map()): MappedExport {
  const rejected: ReasonCounts = new Map();
  const warnings: ReasonCounts = new Map();
  const byId = new Map(spans.map((span) => [`${span.traceId}:${span.spanId}`, span]));
  const traces: MappedSpan[] = [];
  const keys = new Set<string>();
  for (const span of spans) {
    const kind = genAiSpanKind(span.attributes);
    if (kind !== 'inference') {
      if (hasAnyUsage(readUsage(span.attributes, []))) {
        add(warnings, 'span with token usage that is not an inference span (an agent or workflow total) not counted, so no call is counted twice');
      }
      continue;
    }
    if (!TRACE_ID.test(span.traceId) || !SPAN_ID.test(span.spanId) || ZERO_ID.test(span.traceId) || ZERO_ID.test(span.spanId)) {
      add(rejected, 'span without a valid trace id and span id');
      continue;
    }
    const idempotencyKey = `otlp:${span.traceId}:${span.spanId}`;
    if (keys.has(idempotencyKey)) {
      add(warnings, 'span sent twice in one export, counted once');
      continue;
    }
    keys.add(idempotencyKey);
    const ignored: IgnoredAttribute[] = [];
    const mapped = mapInferenceSpan(span, ancestorsOf(span, byId), mappings, ignored);
    for (const each of ignored) add(warnings, each.key === '(span)' ? each.reason : `attribute ${each.key} ignored: ${each.reason}`);
    if (typeof mapped === 'string') add(rejected, mapped);
    else traces.push({ idempotencyKey, trace: mapped });
  }
  return { traces, rejected, warnings };
}
