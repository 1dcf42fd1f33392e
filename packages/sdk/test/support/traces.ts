import { randomUUID } from 'node:crypto';
import type { TraceIngest } from '@finops/contracts';
import type { Decimal } from '@finops/pricing';
import { expectedCostUsd, sumOf } from './expected-cost';

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-6'] as const;

/** `count` traces with varied models and token splits (deterministic per index), and what they cost in all. */
export function tracesWithCost(count: number, tags: Partial<TraceIngest> = {}): { traces: TraceIngest[]; totalUsd: Decimal } {
  const agentId = `agt_${randomUUID()}`;
  const traces = Array.from({ length: count }, (_, i): TraceIngest => ({
    agentId,
    modelId: MODELS[i % MODELS.length]!,
    inputTokens: 100 + ((i * 37) % 900),
    outputTokens: 10 + ((i * 11) % 300),
    cacheReadTokens: i % 4 === 0 ? 64 : 0,
    ...tags,
  }));
  return { traces, totalUsd: sumOf(traces.map((trace) => expectedCostUsd(trace))) };
}

/** The report's exact decimal string compared as written: to the last decimal, no rounding. */
export function asUsd(amount: Decimal): string {
  return amount.toFixed();
}
