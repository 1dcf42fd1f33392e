import { DAY_MS } from '@finops/contracts';
import { timeSequential } from '../sequential';
import { seedDays, settle } from '../seed-spend';
import { createBenchOrg, type BenchStack } from '../stack';
import type { Scenario } from './scenario';

const CAPS = 100;

/** 100 caps over the seeded tag values (70 scopes with spend, 30 without). */
function capBodies(periodType: 'monthly' | 'weekly'): object[] {
  const scopes = [
    ...Array.from({ length: 8 }, (_, i) => ({ dimension: 'costCenter', value: `cc-${i}` })),
    ...Array.from({ length: 12 }, (_, i) => ({ dimension: 'project', value: `project-${i}` })),
    ...Array.from({ length: 6 }, (_, i) => ({ dimension: 'team', value: `team-${i}` })),
    ...Array.from({ length: 40 }, (_, i) => ({ dimension: 'agentId', value: `agent-${String(i).padStart(2, '0')}` })),
    ...['claude-sonnet-4-6', 'gpt-4o', 'gpt-4o-mini'].map((value) => ({ dimension: 'modelId', value })),
    { dimension: 'org' },
  ];
  while (scopes.length < CAPS) scopes.push({ dimension: 'costCenter', value: `cc-unused-${scopes.length}` });
  return scopes.map((scope, i) => ({ ...scope, periodType, limitUsd: 50 + (i % 10) * 100, warnAt: [0.5, 0.8] }));
}

async function orgWithCaps(stack: BenchStack, name: string, periodType: 'monthly' | 'weekly', traces: number) {
  const org = await createBenchOrg(stack, name);
  const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  await seedDays(stack.ownerPool, org.orgId, new Date(today.getTime() - 90 * DAY_MS), 90, traces);
  for (const body of capBodies(periodType)) {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/cost/budgets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`could not create a cap: ${response.status} ${await response.text()}`);
  }
  return org;
}

/**
 * Scenario 4: GET /api/v1/cost/budgets/status for 100 caps, with forecasts (monthly caps: one forecast per scope,
 * through the forecaster) and without (weekly caps), over 90 days of spend.
 */
export const budgetStatus: Scenario = async (stack, plan, log) => {
  const traces = plan.quick ? 100_000 : 1_000_000;
  log('scenario 4: seeding two orgs with 90 days of spend and 100 caps each');
  const withForecasts = await orgWithCaps(stack, 'bench-status-monthly', 'monthly', traces);
  const withoutForecasts = await orgWithCaps(stack, 'bench-status-weekly', 'weekly', traces);
  await settle(stack.ownerPool);
  const runs = plan.quick ? 10 : 30;
  const url = `${stack.gatewayUrl}/api/v1/cost/budgets/status`;
  log('scenario 4: status without forecasts');
  const plain = await timeSequential(url, { authorization: `Bearer ${withoutForecasts.apiKey}` }, runs);
  log('scenario 4: status with forecasts');
  const forecast = await timeSequential(url, { authorization: `Bearer ${withForecasts.apiKey}` }, runs);
  const sample = (await (await fetch(url, { headers: { authorization: `Bearer ${withForecasts.apiKey}` } })).json()) as {
    budgets: { forecastDegraded: boolean | null }[];
  };
  const forecastsServed = sample.budgets.filter((budget) => budget.forecastDegraded === false).length;
  return [
    { scenario: '4 budget status, 100 caps', metric: 'median, no forecasts (weekly caps)', value: plain.medianMs, unit: 'ms', details: { p99Ms: plain.p99Ms, runs } },
    {
      scenario: '4 budget status, 100 caps',
      metric: 'median, with forecasts (monthly caps)',
      value: forecast.medianMs,
      unit: 'ms',
      limit: { label: 'without forecasts', value: plain.medianMs },
      details: { p99Ms: forecast.p99Ms, runs, capsWithAModelForecast: forecastsServed, capsWithARunRateFallback: sample.budgets.length - forecastsServed },
    },
  ];
};
