import { ForecastResponseSchema, ProblemSchema, limits, problemTypeUri } from '@finops/contracts';
import { createLogger } from '@finops/http-kit';
import request from 'supertest';
import { createApp } from '../../src/app';

const app = createApp({ logger: createLogger({ name: 'forecaster-test', level: 'silent' }), bodyLimitBytes: 1_048_576 });

const DAY_MS = 86_400_000;
function isoDay(offset: number, from = '2025-03-01'): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** 45 days of weekday-heavy spend from 2025-03-01 to 2025-04-14. */
function weeklySeries(days = 45): { date: string; costUsd: number }[] {
  return Array.from({ length: days }, (_, i) => ({ date: isoDay(i), costUsd: [40, 42, 45, 41, 39, 12, 10][i % 7]! + (i % 5) }));
}

function validRequest(): Record<string, unknown> {
  return { series: weeklySeries(), periodEnd: '2025-04-30', caps: [{ id: 'c1', limitUsd: 900 }, { id: 'c2', limitUsd: 1200 }] };
}

async function expectInvalid(body: unknown, field: string): Promise<void> {
  const response = await request(app).post('/forecast/cost').send(body as object).expect(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.type).toBe(problemTypeUri('validation'));
  expect(problem.invalid_params?.map((param) => param.name)).toContain(field);
}

describe('POST /forecast/cost', () => {
  it('when the request is valid, then it answers 200 with a forecast that satisfies the response contract', async () => {
    const response = await request(app).post('/forecast/cost').send(validRequest()).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const forecast = ForecastResponseSchema.parse(response.body);
    expect(forecast.daily.map((day) => day.date)).toEqual(Array.from({ length: 16 }, (_, i) => isoDay(i, '2025-04-15')));
    const aprilSpend = weeklySeries()
      .filter((point) => point.date.startsWith('2025-04'))
      .reduce((sum, point) => sum + point.costUsd, 0);
    expect(forecast.spentToDateUsd).toBeCloseTo(aprilSpend, 9);
    expect(forecast.projectedMonthEndUsd).toBeGreaterThan(forecast.spentToDateUsd);
    expect(forecast.caps.map((cap) => cap.id)).toEqual(['c1', 'c2']);
    expect(forecast.caps[0]!.breachProbability).toBeGreaterThanOrEqual(forecast.caps[1]!.breachProbability);
    expect(forecast.model.method).toMatch(/^ETS\(/);
  });

  it('when the same request is sent twice, then both answers are identical', async () => {
    const first = await request(app).post('/forecast/cost').send(validRequest()).expect(200);
    const second = await request(app).post('/forecast/cost').send(validRequest()).expect(200);
    expect(second.body).toEqual(first.body);
  });

  it('when caps are omitted and the series has gaps, then it answers 200 with no caps', async () => {
    const series = [
      { date: '2025-04-01', costUsd: 10 },
      { date: '2025-04-03', costUsd: 12 },
    ];
    const response = await request(app).post('/forecast/cost').send({ series, periodEnd: '2025-04-30' }).expect(200);
    const forecast = ForecastResponseSchema.parse(response.body);
    expect(forecast.caps).toEqual([]);
    expect(forecast.model.points).toBe(3);
    expect(forecast.spentToDateUsd).toBe(22);
  });

  it('when a cap is already exceeded, then its breach probability is 1', async () => {
    const response = await request(app)
      .post('/forecast/cost')
      .send({ ...validRequest(), caps: [{ id: 'tiny', limitUsd: 1 }] })
      .expect(200);
    expect(ForecastResponseSchema.parse(response.body).caps[0]!.breachProbability).toBe(1);
  });

  const cases: [string, () => unknown, string][] = [
    ['the series is empty', () => ({ ...validRequest(), series: [] }), 'series'],
    ['a cost is negative', () => ({ ...validRequest(), series: [{ date: '2025-04-01', costUsd: -1 }] }), 'series[0].costUsd'],
    ['a cost is not a number', () => ({ ...validRequest(), series: [{ date: '2025-04-01', costUsd: '12' }] }), 'series[0].costUsd'],
    ['a date does not exist', () => ({ ...validRequest(), series: [{ date: '2025-02-30', costUsd: 1 }] }), 'series[0].date'],
    ['a date is not YYYY-MM-DD', () => ({ ...validRequest(), series: [{ date: '04/01/2025', costUsd: 1 }] }), 'series[0].date'],
    [
      'a date appears twice',
      () => ({ ...validRequest(), series: [{ date: '2025-04-01', costUsd: 1 }, { date: '2025-04-01', costUsd: 2 }] }),
      'series[1].date',
    ],
    ['periodEnd is before the last date', () => ({ ...validRequest(), periodEnd: '2025-04-10' }), 'periodEnd'],
    ['periodEnd is not a date', () => ({ ...validRequest(), periodEnd: '2025-04-31' }), 'periodEnd'],
    ['periodEnd is too far after the last date', () => ({ ...validRequest(), periodEnd: isoDay(44 + limits.forecastMaxHorizonDays + 1) }), 'periodEnd'],
    [
      'there are more points than allowed',
      () => ({ series: weeklySeries(limits.forecastMaxPoints + 1), periodEnd: isoDay(limits.forecastMaxPoints + 1), caps: [] }),
      'series',
    ],
    [
      'the series spans more days than allowed',
      () => ({ series: [{ date: isoDay(0), costUsd: 1 }, { date: isoDay(limits.forecastMaxPoints), costUsd: 1 }], periodEnd: isoDay(limits.forecastMaxPoints) }),
      'series',
    ],
    ['a cap limit is zero', () => ({ ...validRequest(), caps: [{ id: 'c1', limitUsd: 0 }] }), 'caps[0].limitUsd'],
    ['a cap limit is negative', () => ({ ...validRequest(), caps: [{ id: 'c1', limitUsd: -5 }] }), 'caps[0].limitUsd'],
    ['a cap id appears twice', () => ({ ...validRequest(), caps: [{ id: 'c1', limitUsd: 5 }, { id: 'c1', limitUsd: 6 }] }), 'caps[1].id'],
    ['a cap has no id', () => ({ ...validRequest(), caps: [{ limitUsd: 5 }] }), 'caps[0].id'],
    ['an unknown field is sent', () => ({ ...validRequest(), horizon: 7 }), 'horizon'],
    ['periodEnd is missing', () => ({ series: weeklySeries() }), 'periodEnd'],
  ];
  it.each(cases)('when %s, then it answers 400 naming the field', async (_case, body, field) => {
    await expectInvalid(body(), field);
  });

  it('when a cost is not finite (1e999 in the JSON), then it answers 400 naming the field', async () => {
    const raw = '{"series":[{"date":"2025-04-01","costUsd":1e999}],"periodEnd":"2025-04-30","caps":[]}';
    const response = await request(app).post('/forecast/cost').set('content-type', 'application/json').send(raw).expect(400);
    expect(ProblemSchema.parse(response.body).invalid_params?.map((param) => param.name)).toContain('series[0].costUsd');
  });

  it('when several fields are invalid, then every one is reported', async () => {
    const body = { series: [{ date: 'nope', costUsd: -1 }], periodEnd: 'later', caps: [{ id: '', limitUsd: 0 }] };
    const response = await request(app).post('/forecast/cost').send(body).expect(400);
    const names = ProblemSchema.parse(response.body).invalid_params?.map((param) => param.name);
    expect(names).toEqual(expect.arrayContaining(['series[0].date', 'series[0].costUsd', 'periodEnd', 'caps[0].id', 'caps[0].limitUsd']));
  });
});
