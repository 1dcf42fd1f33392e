import { runRepeated } from '../load';
import { STORED_AND_COUNTED_SQL } from '../guard-state';
import { createBenchOrg, postAsOrg } from '../stack';
import { docsLikeTrace } from '../trace-bodies';
import type { Scenario } from './scenario';

const CONNECTIONS = 64;
// docsLikeTrace spreads traces over 40 agents.
const AGENTS = 40;

/**
 * Scenario 4: what the guard costs ingest. Single-trace ingest as in scenario 1, for an org with an org-wide policy
 * and a policy per agent (every trace updates two counters in the ingest statement), next to the same load for an
 * org without policies in the same run. Afterwards the counters must hold exactly the stored spend.
 */
export const guardIngest: Scenario = async (stack, plan, log) => {
  const bodies = Array.from({ length: 200 }, (_, i) => JSON.stringify(docsLikeTrace(i)));
  const plain = await createBenchOrg(stack, 'bench-guard-ingest-plain');
  log('scenario 8: POST /api/v1/traces/ingest, org without policies');
  const without = await runRepeated({ url: `${stack.gatewayUrl}/api/v1/traces/ingest`, connections: CONNECTIONS, headers: { authorization: `Bearer ${plain.apiKey}` }, bodies }, plan);

  const guarded = await createBenchOrg(stack, 'bench-guard-ingest-policies');
  await postAsOrg(stack, guarded.apiKey, '/api/v1/guard/policies', { scope: 'org', limitUsd: '1000000000', periodType: 'monthly' });
  for (let i = 0; i < AGENTS; i += 1) {
    await postAsOrg(stack, guarded.apiKey, '/api/v1/guard/policies', { scope: 'agent', agentId: `agt_${i}`, limitUsd: '1000000000', periodType: 'daily' });
    // The first check of a period creates the counters that ingest then keeps.
    await postAsOrg(stack, guarded.apiKey, '/api/v1/guard/check', { agentId: `agt_${i}` });
  }
  log('scenario 8: POST /api/v1/traces/ingest, org with 41 policies');
  const withPolicies = await runRepeated(
    { url: `${stack.gatewayUrl}/api/v1/traces/ingest`, connections: CONNECTIONS, headers: { authorization: `Bearer ${guarded.apiKey}` }, bodies },
    plan,
  );

  const { rows } = await stack.ownerPool.query<{ stored: string; counted: string }>(STORED_AND_COUNTED_SQL, [guarded.orgId]);
  const ratio = withPolicies.medianRps / without.medianRps;
  const name = `8 ingest with guard policies (${CONNECTIONS} conns)`;
  return [
    {
      scenario: name,
      metric: 'throughput',
      value: withPolicies.medianRps,
      unit: 'traces/s',
      limit: { label: 'same, org without policies', value: without.medianRps },
      ratio,
      goal: '>= 90% of without',
      met: ratio >= 0.9,
      details: { p99Ms: withPolicies.medianP99Ms, withoutP99Ms: without.medianP99Ms, runs: withPolicies.runs, withoutRuns: without.runs },
    },
    {
      scenario: name,
      metric: 'counted = stored',
      value: Number(rows[0]!.counted ?? 0),
      unit: 'USD on the org counter',
      limit: { label: 'stored trace spend', value: Number(rows[0]!.stored ?? 0) },
      goal: 'equal (exact decimals)',
      met: rows[0]!.counted === rows[0]!.stored && withPolicies.totalNon2xx === 0,
      details: { countedUsd: rows[0]!.counted, storedUsd: rows[0]!.stored },
    },
  ];
};
