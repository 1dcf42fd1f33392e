import { runRepeated } from '../load';
import { createBenchOrg } from '../stack';
import { docsLikeTrace } from '../trace-bodies';
import { startTrivialServer } from '../trivial-limit';
import type { Scenario } from './scenario';

const CONNECTIONS = 64;

/**
 * Scenario 1: single-trace ingest with 64 keep-alive connections, next to a trivial Express route measured the same
 * way in the same run. Afterwards the table must hold exactly as many traces as were acknowledged.
 */
export const ingestSingle: Scenario = async (stack, plan, log) => {
  const bodies = Array.from({ length: 200 }, (_, i) => JSON.stringify(docsLikeTrace(i)));
  const trivial = await startTrivialServer();
  log('scenario 1: trivial Express route (limit)');
  const limit = await runRepeated({ url: trivial.url, connections: CONNECTIONS, headers: {}, bodies }, plan);
  trivial.stop();

  const org = await createBenchOrg(stack, 'bench-ingest-single');
  log('scenario 1: POST /api/v1/traces/ingest');
  const ingest = await runRepeated(
    { url: `${stack.gatewayUrl}/api/v1/traces/ingest`, connections: CONNECTIONS, headers: { authorization: `Bearer ${org.apiKey}` }, bodies },
    plan,
  );
  const { rows } = await stack.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM execution_traces WHERE org_id = $1', [org.orgId]);
  const stored = Number(rows[0]!.n);
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
      metric: 'latency p50 / p99',
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
      value: stored,
      unit: 'traces stored',
      limit: { label: 'acknowledged (2xx)', value: ingest.total2xx },
      goal: 'equal, no errors',
      met: stored === ingest.total2xx && ingest.totalNon2xx === 0,
      details: { non2xxOrErrors: ingest.totalNon2xx },
    },
  ];
};
