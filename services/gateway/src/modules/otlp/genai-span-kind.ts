import type { Attributes } from './otlp-spans';
import { readText } from './span-attributes';

export type GenAiSpanKind = 'inference' | 'agent' | 'other';

const INFERENCE_OPERATIONS = new Set(['chat', 'text_completion', 'completion', 'generate_content', 'embeddings', 'embedding']);
const AGENT_OPERATIONS = new Set(['invoke_agent', 'create_agent']);
const OPENLLMETRY_INFERENCE = new Set(['chat', 'completion', 'embedding', 'rerank']);
// The Vercel AI SDK records each provider call as a doGenerate/doStream/doEmbed child of the generateText (etc.) span,
// which repeats the call's usage as a total: only the child is the model call.
const VERCEL_INFERENCE = /^ai\.(generateText|streamText|generateObject|streamObject)\.do(Generate|Stream)$|^ai\.(embed|embedMany)\.doEmbed$/;
const OPENINFERENCE_INFERENCE = new Set(['LLM', 'EMBEDDING']);

/**
 * Only inference spans carry spend: one model call each. `gen_ai.operation.name` decides where it is set (current
 * conventions); otherwise the marks of the instrumentations that predate it: OpenLLMetry's `llm.request.type`, the
 * Vercel AI SDK's `ai.operationId`, OpenInference's `openinference.span.kind`.
 */
export function genAiSpanKind(attributes: Attributes): GenAiSpanKind {
  const operation = readText(attributes, ['gen_ai.operation.name'])?.toLowerCase();
  if (operation !== undefined) {
    if (INFERENCE_OPERATIONS.has(operation)) return 'inference';
    return AGENT_OPERATIONS.has(operation) ? 'agent' : 'other';
  }
  const requestType = readText(attributes, ['llm.request.type'])?.toLowerCase();
  if (requestType !== undefined && OPENLLMETRY_INFERENCE.has(requestType)) return 'inference';
  const vercel = readText(attributes, ['ai.operationId']);
  if (vercel !== undefined && VERCEL_INFERENCE.test(vercel)) return 'inference';
  const openInference = readText(attributes, ['openinference.span.kind'])?.toUpperCase();
  if (openInference !== undefined && OPENINFERENCE_INFERENCE.has(openInference)) return 'inference';
  if (openInference === 'AGENT' || readText(attributes, ['traceloop.span.kind']) === 'agent') return 'agent';
  return 'other';
}
