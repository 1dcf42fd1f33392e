import { AnomalyDetectionResponseSchema, ProblemSchema, limits, problemTypeUri } from '@finops/contracts';
import { createLogger } from '@finops/http-kit';
import request from 'supertest';
import { createApp } from '../../src/app';

const app = createApp({ logger: createLogger({ name: 'forecaster-test', level: 'silent' }), bodyLimitBytes: 1_048_576 });

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Monday 2026-09-07 00:00 UTC. */
const FIRST_MS = Date.parse('2026-09-07T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** Hourly spend with a working-day bump and quieter weekends; a fixed ±8 % ripple stands in for noise. */
function hourlyCosts(weeks: number): number[] {
  return Array.from({ length: weeks * 168 }, (_, t) => {
    const hour = t % 24;
    const weekend = Math.floor(t / 24) % 7 >= 5;
    const ripple = 1 + 0.08 * Math.sin(t * 2.7) * Math.cos(t * 0.31);
    return Math.round(10 * (0.2 + Math.exp(-((hour - 14) ** 2) / 18)) * (weekend ? 0.4 : 1) * ripple * 1e6) / 1e6;
  });
}

const hourly = (costs: number[], from = FIRST_MS) => costs.map((costUsd, i) => ({ start: iso(from + i * HOUR_MS), costUsd }));
const daily = (costs: number[], from = FIRST_MS) => costs.map((costUsd, i) => ({ start: iso(from + i * DAY_MS).slice(0, 10) + 'T00:00:00Z', costUsd }));

/** Amount as integer cents (decimal strings of the response, exactly). */
const cents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -value : value;
};

async function detect(body: unknown) {
  const response = await request(app).post('/anomalies/detect').send(body as object).expect(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return AnomalyDetectionResponseSchema.parse(response.body);
}

async function expectInvalid(body: unknown, field: string): Promise<void> {
  const response = await request(app).post('/anomalies/detect').send(body as object).expect(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.type).toBe(problemTypeUri('validation'));
  expect(problem.invalid_params?.map((param) => param.name)).toContain(field);
}

describe('POST /anomalies/detect', () => {
  it('when an hourly series holds a 10× runaway, then it answers 200 with that anomaly, its hours and its impact', async () => {
    const costs = hourlyCosts(8);
    const start = 5 * 168 + 2 * 24 + 11; // Wednesday 11:00 of week 5
    for (let t = start; t < start + 5; t++) costs[t] = costs[t]! * 10;
    const result = await detect({ granularity: 'hour', series: hourly(costs) });
    expect(result.anomalies).toHaveLength(1);
    const [anomaly] = result.anomalies;
    expect(anomaly).toMatchObject({ start: iso(FIRST_MS + start * HOUR_MS), end: iso(FIRST_MS + (start + 5) * HOUR_MS), direction: 'up' });
    expect(cents(anomaly!.impactUsd)).toBe(cents(anomaly!.actualUsd) - cents(anomaly!.expectedUsd));
    const actual = costs.slice(start, start + 5).reduce((a, b) => a + b, 0);
    expect(Number(anomaly!.actualUsd)).toBeCloseTo(actual, 2);
    // Each hour was 10× what it usually costs, so about nine tenths of the spend is the impact.
    expect(Number(anomaly!.impactUsd) / actual).toBeGreaterThan(0.85);
    expect(Number(anomaly!.impactUsd) / actual).toBeLessThan(0.95);
    expect(result.model).toMatchObject({
      name: 'seasonal-median',
      granularity: 'hour',
      sensitivity: 'normal',
      seasonality: { period: 'week', seasonLength: 168, maxSeasons: 4, minSeasons: 3 },
      firstJudged: iso(FIRST_MS + 3 * 168 * HOUR_MS),
      pointsJudged: 5 * 168,
    });
    expect(Number(result.model.impactFloorUsd)).toBeGreaterThanOrEqual(2);
  });

  it('when a daily series loses a whole weekday, then the drop is reported going down on that day', async () => {
    const costs = Array.from({ length: 10 * 7 }, (_, d) => (d % 7 >= 5 ? 60 : 200) * (1 + 0.05 * Math.sin(d * 1.9)));
    costs[50] = 0; // a Tuesday
    const result = await detect({ granularity: 'day', series: daily(costs), sensitivity: 'high' });
    expect(result.anomalies.map(({ start, end, direction, actualUsd }) => ({ start, end, direction, actualUsd }))).toEqual([
      { start: iso(FIRST_MS + 50 * DAY_MS), end: iso(FIRST_MS + 51 * DAY_MS), direction: 'down', actualUsd: '0' },
    ]);
    expect(cents(result.anomalies[0]!.impactUsd)).toBe(-cents(result.anomalies[0]!.expectedUsd));
    expect(result.model).toMatchObject({ granularity: 'day', sensitivity: 'high', seasonality: { seasonLength: 7, maxSeasons: 8, minSeasons: 3 } });
  });

  it('when the runaway is still going on at the last hour, then the anomaly ends at the end of the series', async () => {
    const costs = hourlyCosts(6);
    const n = costs.length;
    for (let t = n - 3; t < n; t++) costs[t] = costs[t]! * 10;
    const result = await detect({ granularity: 'hour', series: hourly(costs) });
    expect(result.anomalies.map((a) => [a.start, a.end])).toEqual([[iso(FIRST_MS + (n - 3) * HOUR_MS), iso(FIRST_MS + n * HOUR_MS)]]);
  });

  it('when the series is shorter than three weeks, then nothing is judged and the answer says so', async () => {
    const result = await detect({ granularity: 'hour', series: hourly(hourlyCosts(2)) });
    expect(result.anomalies).toEqual([]);
    expect(result.model).toMatchObject({ firstJudged: null, pointsJudged: 0, typicalUsd: null, noiseSigma: null, impactFloorUsd: '2' });
  });

  it('when starts are written with a UTC offset, then they are the same instants and the answer is the same', async () => {
    const costs = hourlyCosts(4);
    const zulu = await detect({ granularity: 'hour', series: hourly(costs) });
    const offset = hourly(costs).map((point) => ({ ...point, start: new Date(Date.parse(point.start) + 2 * HOUR_MS).toISOString().replace('Z', '+02:00') }));
    expect(await detect({ granularity: 'hour', series: offset })).toEqual(zulu);
  });

  it('when the same request is sent twice, then both answers are identical', async () => {
    const costs = hourlyCosts(7);
    costs[900] = 0;
    costs[1000] = costs[1000]! * 20;
    const body = { granularity: 'hour', series: hourly(costs) };
    expect(await detect(body)).toEqual(await detect(body));
  });

  const valid = () => ({ granularity: 'hour', series: hourly(hourlyCosts(1).slice(0, 6)) });
  const withPoint = (index: number, point: Record<string, unknown>) => {
    const body = valid();
    (body.series as Record<string, unknown>[])[index] = point;
    return body;
  };
  const cases: [string, () => unknown, string][] = [
    ['the granularity is not hour or day', () => ({ ...valid(), granularity: 'minute' }), 'granularity'],
    ['the granularity is missing', () => ({ series: valid().series }), 'granularity'],
    ['the sensitivity is unknown', () => ({ ...valid(), sensitivity: 'extreme' }), 'sensitivity'],
    ['the series is empty', () => ({ ...valid(), series: [] }), 'series'],
    ['the series is missing', () => ({ granularity: 'day' }), 'series'],
    ['an hourly series is longer than 60 days', () => ({ granularity: 'hour', series: hourly(new Array<number>(limits.anomalyMaxHourlyPoints + 1).fill(1)) }), 'series'],
    ['a daily series is longer than 400 days', () => ({ granularity: 'day', series: daily(new Array<number>(limits.anomalyMaxDailyPoints + 1).fill(1)) }), 'series'],
    ['a start is not a date-time', () => withPoint(0, { start: 'yesterday', costUsd: 1 }), 'series[0].start'],
    ['a start has no time zone', () => withPoint(0, { start: '2026-09-07T00:00:00', costUsd: 1 }), 'series[0].start'],
    ['a start is a date without a time', () => withPoint(0, { start: '2026-09-07', costUsd: 1 }), 'series[0].start'],
    ['a start is a day that does not exist', () => withPoint(0, { start: '2026-02-30T00:00:00Z', costUsd: 1 }), 'series[0].start'],
    ['a start is not on the hour', () => withPoint(2, { start: iso(FIRST_MS + 2 * HOUR_MS + 60_000), costUsd: 1 }), 'series[2].start'],
    ['a daily start is not midnight UTC', () => ({ granularity: 'day', series: [{ start: '2026-09-07T05:00:00Z', costUsd: 1 }] }), 'series[0].start'],
    ['an hour is missing (a gap)', () => withPoint(3, { start: iso(FIRST_MS + 4 * HOUR_MS), costUsd: 1 }), 'series[3].start'],
    ['an hour appears twice', () => withPoint(3, { start: iso(FIRST_MS + 2 * HOUR_MS), costUsd: 1 }), 'series[3].start'],
    ['the hours go back', () => withPoint(3, { start: iso(FIRST_MS), costUsd: 1 }), 'series[3].start'],
    ['a cost is negative', () => withPoint(1, { start: iso(FIRST_MS + HOUR_MS), costUsd: -0.01 }), 'series[1].costUsd'],
    ['a cost is text', () => withPoint(1, { start: iso(FIRST_MS + HOUR_MS), costUsd: '12' }), 'series[1].costUsd'],
    ['a cost is missing', () => withPoint(1, { start: iso(FIRST_MS + HOUR_MS) }), 'series[1].costUsd'],
    ['a cost is above the largest amount', () => withPoint(1, { start: iso(FIRST_MS + HOUR_MS), costUsd: limits.forecastMaxAmountUsd * 10 }), 'series[1].costUsd'],
    ['a point has an unknown field', () => withPoint(1, { start: iso(FIRST_MS + HOUR_MS), costUsd: 1, tokens: 5 }), 'series[1].tokens'],
    ['an unknown field is sent', () => ({ ...valid(), horizon: 7 }), 'horizon'],
  ];
  it.each(cases)('when %s, then it answers 400 naming the field', async (_case, body, field) => {
    await expectInvalid(body(), field);
  });

  it('when a cost is not finite (1e999 in the JSON), then it answers 400 naming the field', async () => {
    const raw = `{"granularity":"hour","series":[{"start":"2026-09-07T00:00:00Z","costUsd":1},{"start":"2026-09-07T01:00:00Z","costUsd":1e999}]}`;
    const response = await request(app).post('/anomalies/detect').set('content-type', 'application/json').send(raw).expect(400);
    expect(ProblemSchema.parse(response.body).invalid_params?.map((param) => param.name)).toContain('series[1].costUsd');
  });

  it('when several points are invalid, then every one is reported', async () => {
    const body = valid();
    body.series[1] = { start: 'later', costUsd: -1 };
    body.series[4] = { start: iso(FIRST_MS + 4 * HOUR_MS), costUsd: Number.NaN };
    const response = await request(app).post('/anomalies/detect').send(body).expect(400);
    const names = ProblemSchema.parse(response.body).invalid_params?.map((param) => param.name);
    expect(names).toEqual(expect.arrayContaining(['series[1].start', 'series[1].costUsd', 'series[4].costUsd']));
  });

  it('when the order problems are several, then each offending start is named once', async () => {
    const body = valid();
    body.series[2] = { ...body.series[1]! };
    body.series[5] = { start: iso(FIRST_MS + 7 * HOUR_MS), costUsd: 1 };
    const response = await request(app).post('/anomalies/detect').send(body).expect(400);
    const names = ProblemSchema.parse(response.body).invalid_params?.map((param) => param.name);
    expect(names).toEqual(['series[2].start', 'series[3].start', 'series[5].start']);
  });
});
