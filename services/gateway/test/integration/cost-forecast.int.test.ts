import request from 'supertest';
import { CostForecastSchema, ForecastResponseSchema, type TraceIngest } from '@finops/contracts';
import { budgetStatus, createBudget } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { closedPortUrl, startFakeForecaster } from '../support/fake-forecaster';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, testForecasterUrl, type TestGateway } from '../support/test-gateway';

// As of 20 May 2026, 14:00 UTC: the series ends on 19 May; today (20 May) has partial spend only where a test adds it.
const AS_OF = '2026-05-20T14:00:00Z';
const clock = new TestClock(new Date(AS_OF));

let gateway: TestGateway;
let org: TestOrg;

/** 60 days of spend before AS_OF with a weekly rhythm: finance ~$30 on weekdays, ops ~$10, some untagged. */
function history(): TraceIngest[] {
  const traces: TraceIngest[] = [];
  for (let day = 60; day >= 1; day -= 1) {
    const date = new Date(Date.parse('2026-05-20T00:00:00Z') - day * 86_400_000);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const at = (hour: number) => new Date(date.getTime() + hour * 3_600_000).toISOString();
    traces.push(docsExampleTrace({ costCenter: 'finance', costUsd: weekend ? '6.5' : String(28 + (day % 5)), occurredAt: at(10) }));
    traces.push(docsExampleTrace({ costCenter: 'ops', costUsd: weekend ? '2' : '10', occurredAt: at(11) }));
    traces.push(docsExampleTrace({ costCenter: null, costUsd: '1.25', occurredAt: at(12) }));
  }
  return traces;
}

const forecast = async (query = '') => {
  const response = await request(gateway.app).get(`/api/v1/cost/forecast${query}`).set(org.auth);
  if (response.status !== 200) throw new Error(`forecast failed: ${response.status} ${JSON.stringify(response.body)}`);
  return CostForecastSchema.parse(response.body);
};

beforeAll(() => {
  gateway = createTestGateway({}, { now: clock.now });
});
beforeEach(async () => {
  org = await createOrg(gateway.app);
  await request(gateway.app).post('/api/v1/traces/ingest/batch').set(org.auth).send({ traces: history() }).expect(201);
});
afterAll(() => gateway.close());

describe('GET /api/v1/cost/forecast', () => {
  test('when asked for the org, then it forwards the live series and matches a direct call to the forecaster', async () => {
    const result = await forecast('?includeSeries=true');

    expect(result).toMatchObject({ degraded: false, degradedReason: null, lookbackDays: 90, scope: { dimension: 'org', value: null, budgetId: null } });
    expect(result.period).toEqual({ start: '2026-05-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' });
    expect(result.series).toHaveLength(90);
    expect(result.series!.at(-1)!.date).toBe('2026-05-19');
    const direct = ForecastResponseSchema.parse(
      await (
        await fetch(`${testForecasterUrl()}/forecast/cost`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ series: result.series!.map((p) => ({ date: p.date, costUsd: Number(p.costUsd) })), periodEnd: '2026-05-31', caps: [] }),
        })
      ).json(),
    );
    // Nothing spent today, and the period is the series' calendar month: the gateway adds nothing to the model's figures.
    expect(result.projectedUsd).toBe(direct.projectedMonthEndUsd.toFixed(2));
    expect(result.interval).toEqual({ p10: direct.interval.p10.toFixed(2), p50: direct.interval.p50.toFixed(2), p90: direct.interval.p90.toFixed(2) });
    expect(result.daily.map((day) => day.date)).toEqual(direct.daily.map((day) => day.date));
    expect(Number(result.spentToDateUsd)).toBeCloseTo(direct.spentToDateUsd, 9);
  });

  test('when narrowed to a dimension value, then only that value’s spend is forecast', async () => {
    const finance = await forecast('?dimension=costCenter&value=finance&includeSeries=true');
    const ops = await forecast('?dimension=costCenter&value=ops');
    const all = await forecast();

    expect(finance.scope).toEqual({ dimension: 'costCenter', value: 'finance', budgetId: null });
    expect(finance.series!.filter((p) => p.costUsd !== '0').every((p) => Number(p.costUsd) >= 6.5)).toBe(true);
    expect(Number(finance.spentToDateUsd) + Number(ops.spentToDateUsd)).toBeLessThan(Number(all.spentToDateUsd));
    expect(Number(finance.projectedUsd)).toBeGreaterThan(Number(ops.projectedUsd));
  });

  test('when a spike is ingested today, then the next forecast moves up by at least the excess over a typical day', async () => {
    const before = await forecast('?dimension=costCenter&value=finance');
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace({ costCenter: 'finance', costUsd: '500', occurredAt: '2026-05-20T13:00:00Z' })).expect(201);
    const after = await forecast('?dimension=costCenter&value=finance');

    expect(Number(after.spentToDateUsd) - Number(before.spentToDateUsd)).toBeCloseTo(500, 6);
    expect(Number(after.projectedUsd) - Number(before.projectedUsd)).toBeGreaterThan(450);
  });

  test('when a monthly cap is in scope, then its breach probability is reported and grows as its limit shrinks', async () => {
    const loose = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 5000, name: 'loose' });
    const org2 = await forecast('?dimension=costCenter&value=finance');
    await request(gateway.app).patch(`/api/v1/cost/budgets/${loose.id}`).set(org.auth).send({ limitUsd: 700 }).expect(200);
    const tight = await forecast('?dimension=costCenter&value=finance');

    expect(org2.caps).toEqual([{ id: loose.id, name: 'loose', limitUsd: '5000', breachProbability: expect.any(Number) }]);
    expect(org2.caps[0]!.breachProbability).toBeLessThan(0.01);
    expect(tight.caps[0]!.breachProbability!).toBeGreaterThan(org2.caps[0]!.breachProbability!);
  });

  test('when asked for a budget, then the cap’s own scope and period are forecast', async () => {
    const weekly = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'ops', limitUsd: 60, periodType: 'weekly' });
    const result = await forecast(`?budgetId=${weekly.id}`);

    // 20 May 2026 is a Wednesday: the ISO week runs Monday 18 May to Monday 25 May.
    expect(result.period).toEqual({ start: '2026-05-18T00:00:00.000Z', end: '2026-05-25T00:00:00.000Z' });
    expect(result.scope).toEqual({ dimension: 'costCenter', value: 'ops', budgetId: weekly.id });
    expect(result.spentToDateUsd).toBe('20');
    expect(result.daily.map((day) => day.date)).toEqual(['2026-05-20', '2026-05-21', '2026-05-22', '2026-05-23', '2026-05-24']);
    expect(result.caps[0]!.breachProbability).toEqual(expect.any(Number));
  });

  test.each([
    ['a dimension without a value', '?dimension=team', ['value']],
    ['an unknown dimension', '?dimension=region&value=eu', ['dimension']],
    ['a budgetId that is not a UUID', '?budgetId=42', ['budgetId']],
    ['a budgetId with a dimension', '?budgetId=8b0e7c2e-6a0e-4a8e-9c39-2b7a2b1f0a11&dimension=team&value=x', ['budgetId']],
    ['an unknown parameter', '?horizon=10', ['horizon']],
  ])('when the query has %s, then 400 names it', async (_name, query, fields) => {
    const response = await request(gateway.app).get(`/api/v1/cost/forecast${query}`).set(org.auth);

    expect(response.status).toBe(400);
    expect(response.body.invalid_params.map((param: { name: string }) => param.name)).toEqual(fields);
  });

  test('when the budget does not exist in this org, then 404', async () => {
    await request(gateway.app).get('/api/v1/cost/forecast?budgetId=8b0e7c2e-6a0e-4a8e-9c39-2b7a2b1f0a11').set(org.auth).expect(404);
  });
});

describe('budget status with forecasts', () => {
  test('when a monthly cap is likely to be exceeded, then status shows its projection and projected_to_exceed', async () => {
    const tight = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 600 });
    const roomy = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'ops', limitUsd: 1000 });
    const weekly = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 10_000, periodType: 'weekly' });

    const statuses = new Map((await budgetStatus(gateway.app, org)).map((status) => [status.budgetId, status]));

    expect(statuses.get(tight.id)).toMatchObject({ alertState: 'projected_to_exceed', forecastDegraded: false });
    expect(statuses.get(tight.id)!.breachProbability).toBeGreaterThanOrEqual(0.5);
    expect(Number(statuses.get(tight.id)!.projectedUsd)).toBeGreaterThan(600);
    expect(statuses.get(roomy.id)).toMatchObject({ alertState: 'ok', forecastDegraded: false });
    expect(statuses.get(roomy.id)!.breachProbability).toBeLessThan(0.5);
    expect(statuses.get(weekly.id)).toMatchObject({ projectedUsd: null, breachProbability: null, forecastDegraded: null });
  });
});

describe('when the forecaster misbehaves', () => {
  const bound = { attemptTimeoutMs: 200, totalTimeoutMs: 600, breakerHalfOpenAfterMs: 300 };

  async function withForecasterAt(url: string, work: (broken: TestGateway) => Promise<void>) {
    const broken = createTestGateway({ forecasterUrl: url, forecasterClient: bound }, { now: clock.now });
    try {
      await work(broken);
    } finally {
      await broken.close();
    }
  }

  async function expectDegradedWithinBound(broken: TestGateway, reason: RegExp) {
    const started = Date.now();
    const response = await request(broken.app).get('/api/v1/cost/forecast').set(org.auth);
    const elapsed = Date.now() - started;

    expect(response.status).toBe(200);
    const result = CostForecastSchema.parse(response.body);
    expect(result).toMatchObject({ degraded: true, interval: null, model: null });
    expect(result.degradedReason).toMatch(reason);
    expect(Number(result.projectedUsd)).toBeGreaterThan(Number(result.spentToDateUsd));
    expect(elapsed).toBeLessThan(bound.totalTimeoutMs + 1_000);
  }

  test('when it is stopped, then the answer is a flagged run-rate projection within the bound', async () => {
    await withForecasterAt(await closedPortUrl(), (broken) => expectDegradedWithinBound(broken, /^(unavailable|circuit_open)/));
  });

  test.each([
    ['answers after the timeout', { kind: 'delay' as const, ms: 5_000, body: {} }, /^timeout/],
    ['answers 500', { kind: 'status' as const, status: 500 }, /^unavailable/],
    ['answers garbage', { kind: 'garbage' as const }, /^invalid_response/],
  ])('when it %s, then the answer is degraded within the bound', async (_name, behaviour, reason) => {
    const fake = await startFakeForecaster(behaviour);
    try {
      await withForecasterAt(fake.url, (broken) => expectDegradedWithinBound(broken, reason));
    } finally {
      await fake.close();
    }
  });

  test('when it comes back, then normal answers resume', async () => {
    const fake = await startFakeForecaster({ kind: 'status', status: 503 });
    try {
      await withForecasterAt(fake.url, async (broken) => {
        for (let i = 0; i < 3; i += 1) await expectDegradedWithinBound(broken, /^(unavailable|circuit_open)/);
        const real = await fetch(`${testForecasterUrl()}/healthz`);
        expect(real.ok).toBe(true);
        // The fake now relays a real answer for this org's series.
        const proper = await forecast('?includeSeries=true');
        const answer = await (
          await fetch(`${testForecasterUrl()}/forecast/cost`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ series: proper.series!.map((p) => ({ date: p.date, costUsd: Number(p.costUsd) })), periodEnd: '2026-05-31', caps: [] }),
          })
        ).json();
        fake.set({ kind: 'ok', body: answer });
        await new Promise((resolve) => setTimeout(resolve, bound.breakerHalfOpenAfterMs + 50));

        const recovered = CostForecastSchema.parse((await request(broken.app).get('/api/v1/cost/forecast').set(org.auth).expect(200)).body);
        expect(recovered).toMatchObject({ degraded: false, projectedUsd: proper.projectedUsd });
      });
    } finally {
      await fake.close();
    }
  });

  test('when budget status is read with the forecaster down, then it still answers, with run-rate projections flagged', async () => {
    await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 600 });
    await withForecasterAt(await closedPortUrl(), async (broken) => {
      const [status] = await budgetStatus(broken.app, org);

      expect(status).toMatchObject({ forecastDegraded: true, breachProbability: null, alertState: 'ok' });
      expect(Number(status!.projectedUsd)).toBeGreaterThan(Number(status!.spentUsd));
    });
  });
});
