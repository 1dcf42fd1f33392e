import { peakRssMiB, timeSequential } from '../sequential';
import { monthDays, seedDays, settle } from '../seed-spend';
import { createBenchOrg } from '../stack';
import type { BenchResult, Scenario } from './scenario';

const MONTH = '2026-10';

/**
 * Scenario 3: one-month reports over orgs of two sizes (each is "another org" for the other), median and p99 of
 * sequential requests. The larger size must stay within 1.5x of the smaller (cost follows groups x days, not traces).
 * Then a large CSV and FOCUS export, and the gateway's peak RSS around them.
 */
export const reports: Scenario = async (stack, plan, log) => {
  const sizes = plan.quick ? [100_000, 1_000_000] : [1_000_000, 10_000_000];
  const runs = plan.quick ? 20 : 60;
  const { from, days } = monthDays(MONTH);
  const orgs = [];
  for (const size of sizes) {
    const org = await createBenchOrg(stack, `bench-report-${size}`);
    log(`scenario 3: seeding ${size.toLocaleString('en-US')} traces' worth for ${MONTH}`);
    await seedDays(stack.ownerPool, org.orgId, from, days, size);
    orgs.push({ size, ...org });
  }
  await settle(stack.ownerPool);

  const range = `from=${MONTH}-01&to=${MONTH}-${String(days).padStart(2, '0')}`;
  const queries = [
    { label: 'groupBy=costCenter', query: `groupBy=costCenter&${range}` },
    { label: 'groupBy=costCenter,project&granularity=day', query: `groupBy=costCenter,project&granularity=day&${range}` },
  ];
  const results: BenchResult[] = [];
  for (const { label, query } of queries) {
    const timings = [];
    for (const org of orgs) {
      log(`scenario 3: ${label} over ${org.size.toLocaleString('en-US')}`);
      timings.push(await timeSequential(`${stack.gatewayUrl}/api/v1/cost/report?${query}`, { authorization: `Bearer ${org.apiKey}` }, runs));
    }
    const [small, large] = timings as [Awaited<ReturnType<typeof timeSequential>>, Awaited<ReturnType<typeof timeSequential>>];
    const growth = large.medianMs / small.medianMs;
    results.push({
      scenario: `3 report ${label}`,
      metric: `median at ${sizes[1]!.toLocaleString('en-US')} traces`,
      value: large.medianMs,
      unit: 'ms',
      limit: { label: `median at ${sizes[0]!.toLocaleString('en-US')}`, value: small.medianMs },
      goal: label === 'groupBy=costCenter' ? '< 50 ms and <= 1.5x the smaller' : '<= 1.5x the smaller',
      met: growth <= 1.5 && (label !== 'groupBy=costCenter' || large.medianMs < 50),
      details: { growth, p99LargeMs: large.p99Ms, p99SmallMs: small.p99Ms, bytes: large.bytes, runs },
    });
  }

  const largest = orgs[orgs.length - 1]!;
  const rssBefore = await peakRssMiB(stack.gatewayPid);
  const csv = await timeSequential(
    `${stack.gatewayUrl}/api/v1/cost/report?groupBy=costCenter,project,agentId,modelId&granularity=day&format=csv&${range}`,
    { authorization: `Bearer ${largest.apiKey}` },
    5,
    1,
  );
  const focus = await timeSequential(`${stack.gatewayUrl}/api/v1/cost/report?format=focus&${range}`, { authorization: `Bearer ${largest.apiKey}` }, 5, 1);
  const rssAfter = await peakRssMiB(stack.gatewayPid);
  results.push({
    scenario: '3 large CSV / FOCUS export',
    metric: 'gateway peak RSS',
    value: rssAfter,
    unit: 'MiB',
    limit: { label: 'peak RSS before the exports', value: rssBefore },
    details: { csvMedianMs: csv.medianMs, csvBytes: csv.bytes, focusMedianMs: focus.medianMs, focusBytes: focus.bytes },
  });
  return results;
};
