import { randomUUID } from 'node:crypto';
import { problemTypeUri } from '@finops/contracts';
import { FinOpsApiError, FinOpsClient, FinOpsContractError } from '../../src';
import { startRecordingProxy } from '../support/recording-proxy';
import { apiPost, createOrg, startGateway, type GatewayUnderTest } from '../support/gateway';
import { asUsd, tracesWithCost } from '../support/traces';

const AS_OF = '2027-03-17T12:00:00Z';

let gateway: GatewayUnderTest;
let apiKey: string;
let client: FinOpsClient;
const team = `team-${randomUUID()}`;
const spend = tracesWithCost(9, { team, costCenter: 'finance' });
const other = tracesWithCost(5, { team: 'other', costCenter: 'marketing' });

beforeAll(async () => {
  gateway = await startGateway({ asOf: AS_OF });
  apiKey = await createOrg(gateway.url);
  client = new FinOpsClient({ baseUrl: gateway.url, apiKey, runtime: { now: gateway.now } });
  await apiPost(gateway.url, apiKey, '/cost/budgets', { dimension: 'team', value: team, limitUsd: '1000', periodType: 'monthly' });
  [...spend.traces, ...other.traces].forEach((trace) => client.ingest(trace));
  await client.flush();
}, 60_000);

afterAll(async () => {
  await client?.shutdown();
  await gateway?.stop();
});

describe('typed reads against the real gateway', () => {
  test('when the chargeback report is grouped and filtered, then its rows carry the exact spend per group', async () => {
    const byCostCenter = await client.report({ groupBy: ['costCenter', 'team'], granularity: 'total' });
    expect(byCostCenter.groupBy).toEqual(['costCenter', 'team']);
    // Rows come largest spend first.
    const expected = [
      { costCenter: 'finance', team, spend: spend.totalUsd, traceCount: 9 },
      { costCenter: 'marketing', team: 'other', spend: other.totalUsd, traceCount: 5 },
    ].sort((a, b) => b.spend.comparedTo(a.spend));
    expect(byCostCenter.rows.map((row) => [row.costCenter, row.team, row.spendUsd, row.traceCount])).toEqual(
      expected.map((row) => [row.costCenter, row.team, asUsd(row.spend), row.traceCount]),
    );
    const filtered = await client.report({ team });
    expect([filtered.totalUsd, filtered.traceCount, filtered.filters.team]).toEqual([asUsd(spend.totalUsd), 9, team]);
  });

  test('when the budget status is read, then the cap on the team shows its exact spend', async () => {
    const status = await client.budgetStatus();
    const cap = status.budgets.find((budget) => budget.value === team);
    expect([cap?.spentUsd, cap?.limitUsd, cap?.alertState]).toEqual([asUsd(spend.totalUsd), '1000', 'ok']);
  });

  test('when the forecast for the team is read, then its spend to date is the exact spend', async () => {
    const forecast = await client.forecast({ dimension: 'team', value: team });
    expect(forecast.scope).toEqual({ dimension: 'team', value: team, budgetId: null });
    expect(forecast.spentToDateUsd).toBe(asUsd(spend.totalUsd));
    expect(new Date(forecast.asOf).getUTCMonth()).toBe(new Date(AS_OF).getUTCMonth());
  });

  test('when the query is invalid, then FinOpsApiError carries the problem with every invalid parameter', async () => {
    const error = await client.report({ from: '2027-03-10', to: '2027-03-01' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FinOpsApiError);
    const { status, problem } = error as FinOpsApiError;
    expect([status, problem.type, problem.invalid_params?.map((param) => [param.name, param.in])]).toEqual([400, problemTypeUri('validation'), [['to', 'query']]]);
    expect(problem.request_id).toEqual(expect.any(String));
  });

  test('when the key is wrong, then FinOpsApiError is 401 with the unauthorized problem type', async () => {
    const stranger = new FinOpsClient({ baseUrl: gateway.url, apiKey: 'fok_not-a-key' });
    const error = (await stranger.budgetStatus().catch((caught: unknown) => caught)) as FinOpsApiError;
    expect(error).toBeInstanceOf(FinOpsApiError);
    expect([error.status, error.problem.type]).toEqual([401, problemTypeUri('unauthorized')]);
  });

  test('when something other than the gateway answers, then an error is about:blank and a 200 that is not the contract is FinOpsContractError', async () => {
    const failing = await startRecordingProxy(gateway.url, () => ({ status: 502 }));
    const impostor = await startRecordingProxy(gateway.url, () => ({ status: 200 }));
    try {
      const error = (await new FinOpsClient({ baseUrl: failing.url, apiKey }).budgetStatus().catch((caught: unknown) => caught)) as FinOpsApiError;
      expect([error.status, error.problem]).toEqual([502, { type: 'about:blank', title: 'Bad Gateway', status: 502 }]);
      await expect(new FinOpsClient({ baseUrl: impostor.url, apiKey }).budgetStatus()).rejects.toBeInstanceOf(FinOpsContractError);
    } finally {
      await failing.close();
      await impostor.close();
    }
  });
});
