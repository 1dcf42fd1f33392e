import { runRepeated, type RepeatedLoad } from '../load';
import { createBenchOrg, type BenchStack } from '../stack';
import { docsLikeTrace } from '../trace-bodies';
import { startTrivialServer } from '../trivial-limit';
import type { BenchPlan, Scenario } from './scenario';

const CONNECTIONS = 64;
const bodies = Array.from({ length: 200 }, (_, i) => JSON.stringify(docsLikeTrace(i)));

/** 64 keep-alive connections of single-trace ingest for one org; returns the load and how many traces it stored. */
async function ingestLoad(stack: BenchStack, org: { orgId: string; apiKey: string }, plan: BenchPlan): Promise<RepeatedLoad & { stored: number }> {
  const load = await runRepeated(
    { url: `${stack.gatewayUrl}/api/v1/traces/ingest`, connections: CONNECTIONS, headers: { authorization: `Bearer ${org.apiKey}` }, bodies },
    plan,
  );
  const { rows } = await stack.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM execution_traces WHERE org_id = $1', [org.orgId]);
  return { ...load, stored: Number(rows[0]!.n) };
}

/**
 * Scenario 1: single-trace ingest with 64 keep-alive connections, next to a trivial Express route measured the same
 * way in the same run. Afterwards the table must hold exactly as many traces as were acknowledged.
 */
export const ingestSingle: Scenario = async (stack, plan, log) => {
  const trivial = await startTrivialServer();
  log('scenario 1: trivial Express route (limit)');
  const limit = await runRepeated({ url: trivial.url, connections: CONNECTIONS, headers: {}, bodies }, plan);
  trivial.stop();

  log('scenario 1: POST /api/v1/traces/ingest');
  const ingest = await ingestLoad(stack, await createBenchOrg(stack, 'bench-ingest-single'), plan);
  const ratio = ingest.medianRps / limit.medianRps;
  return [
    {
      scenario: '1 single-trace ingest (64 conns)',
      metric: 'throughput',
      value: ingest.medianRps,
      unit: 'traces/s',
      limit: { label: 'trivial Express route', value: limit.medianRps },
      ratio,
      goal: '>= 40% of limit',
      met: ratio >= 0.4,
      details: { runs: ingest.runs, limitRuns: limit.runs },
    },
    {
      scenario: '1 single-trace ingest (64 conns)',
      metric: 'latency p99 (p50 in details)',
      value: ingest.medianP99Ms,
      unit: 'ms p99',
      limit: { label: 'trivial route p99', value: limit.medianP99Ms },
      goal: 'p99 <= 50 ms',
      met: ingest.medianP99Ms <= 50,
      details: { p50Ms: ingest.medianP50Ms, limitP50Ms: limit.medianP50Ms },
    },
    {
      scenario: '1 single-trace ingest (64 conns)',
      metric: 'stored = acknowledged',
      value: ingest.stored,
      unit: 'traces stored',
      limit: { label: 'acknowledged (2xx)', value: ingest.total2xx },
      goal: 'equal, no errors',
      met: ingest.stored === ingest.total2xx && ingest.totalNon2xx === 0,
      details: { non2xxOrErrors: ingest.totalNon2xx },
    },
  ];
};

/** Scenario 6: the same load for an org with 100 active budget caps and for one without: what alerting costs ingest. */
export const ingestWithCaps: Scenario = async (stack, plan, log) => {
  const plain = await createBenchOrg(stack, 'bench-ingest-no-caps');
  const capped = await createBenchOrg(stack, 'bench-ingest-100-caps');
  for (let i = 0; i < 100; i += 1) {
    const body = i < 5 ? { dimension: 'costCenter', value: ['finance', 'marketing', 'support', 'engineering', 'sales'][i] } : { dimension: 'agentId', value: `agt_${i}` };
    const response = await fetch(`${stack.gatewayUrl}/api/v1/cost/budgets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${capped.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, limitUsd: 1 + i, warnAt: [0.5, 0.8] }),
    });
    if (response.status !== 201) throw new Error(`could not create a cap: ${response.status}`);
  }
  log('scenario 6: ingest, org without caps');
  const without = await ingestLoad(stack, plain, plan);
  log('scenario 6: ingest, org with 100 caps');
  const withCaps = await ingestLoad(stack, capped, plan);
  const ratio = withCaps.medianRps / without.medianRps;
  return [
    {
      scenario: '6 ingest with 100 budget caps',
      metric: 'throughput',
      value: withCaps.medianRps,
      unit: 'traces/s',
      limit: { label: 'same load, no caps', value: without.medianRps },
      ratio,
      details: { p99WithCapsMs: withCaps.medianP99Ms, p99WithoutMs: without.medianP99Ms, storedEqualsAcknowledged: withCaps.stored === withCaps.total2xx },
    },
  ];
};
