import type { Express } from 'express';
import request from 'supertest';
import type { TraceIngest } from '@finops/contracts';
import type { TestOrg } from './factories';

const trace = (fields: Partial<TraceIngest> & Pick<TraceIngest, 'agentId' | 'modelId' | 'occurredAt'>): TraceIngest => fields;

/**
 * A fixed September 2026 (Tuesday 1st to Wednesday 30th) for golden reports: catalogue-priced, client-priced and
 * unpriced traces, untagged spend, a tag needing CSV quoting, and traces just outside the month.
 */
export const SEPTEMBER_TRACES: TraceIngest[] = [
  // gpt-4o-mini at $0.15 / $0.60 per 1M: 1000 in + 500 out = $0.00045
  trace({ agentId: 'agt-fin', modelId: 'gpt-4o-mini', inputTokens: 1000, outputTokens: 500, costCenter: 'finance', project: 'q3-close', team: 'data-analytics', occurredAt: '2026-09-01T10:00:00Z' }),
  trace({ agentId: 'agt-fin', modelId: 'gpt-4o-mini', tokensUsed: 2000, costUsd: '0.333333333333', costCenter: 'finance', project: 'q3-close', team: 'data-analytics', occurredAt: '2026-09-02T23:59:59Z' }),
  trace({ agentId: 'agt-fin-2', modelId: 'claude-sonnet-4-6', inputTokens: 300, outputTokens: 100, cacheReadTokens: 50, costUsd: '1.005', costCenter: 'finance', project: 'forecasting', team: 'data-analytics', occurredAt: '2026-09-07T12:00:00Z' }),
  trace({ agentId: 'agt-mkt', modelId: 'gpt-4o', inputTokens: 4000, outputTokens: 1000, costUsd: '2.675', costCenter: 'marketing', project: 'campaign', team: 'growth', occurredAt: '2026-09-15T08:30:00Z' }),
  trace({ agentId: 'agt-mkt', modelId: 'gpt-4o', inputTokens: 10, outputTokens: 10, costUsd: '0.001', costCenter: 'marketing', project: 'campaign', team: 'growth', occurredAt: '2026-09-30T23:59:59.999Z' }),
  trace({ agentId: 'agt-mkt', modelId: 'gpt-4o', inputTokens: 100, outputTokens: 100, costUsd: '0.5', project: 'campaign', team: 'growth', occurredAt: '2026-09-10T00:00:00Z' }),
  trace({ agentId: 'agt-x', modelId: 'In-House-LLM', tokensUsed: 5000, occurredAt: '2026-09-20T16:00:00Z' }),
  trace({ agentId: 'agt-sre', modelId: 'gpt-4o', inputTokens: 20, outputTokens: 20, costUsd: '0.125', costCenter: 'ops, "platform"', project: 'infra', team: 'sre', occurredAt: '2026-09-21T02:00:00Z' }),
  // Just outside the month: never in a September report.
  trace({ agentId: 'agt-fin', modelId: 'gpt-4o', tokensUsed: 10, costUsd: '100', costCenter: 'finance', occurredAt: '2026-10-01T00:00:00Z' }),
  trace({ agentId: 'agt-fin', modelId: 'gpt-4o', tokensUsed: 10, costUsd: '50', costCenter: 'finance', occurredAt: '2026-08-31T23:59:59.999Z' }),
];

/** Stores traces through the batch API (up to 1,000 a call), as a client would. */
export async function ingestTraces(app: Express, org: TestOrg, traces: readonly TraceIngest[]): Promise<void> {
  for (let i = 0; i < traces.length; i += 1000) {
    const response = await request(app).post('/api/v1/traces/ingest/batch').set(org.auth).send({ traces: traces.slice(i, i + 1000) });
    if (response.status !== 201) throw new Error(`ingest failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
