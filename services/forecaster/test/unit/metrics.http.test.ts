import { ProblemSchema, problemTypeUri } from '@finops/contracts';
import { createLogger, parseExposition, valueOf, type Exposition } from '@finops/http-kit';
import request from 'supertest';
import { createApp } from '../../src/app';

const logger = createLogger({ name: 'forecaster-test', level: 'silent' });
const METRICS_TOKEN = 'forecaster-metrics-token-0123456789abcdef';
const DAY_MS = 86_400_000;
const FIRST_MS = Date.parse('2026-09-07T00:00:00Z');

const forecastBody = {
  series: Array.from({ length: 28 }, (_, i) => ({ date: new Date(Date.parse('2026-10-01T00:00:00Z') + i * DAY_MS).toISOString().slice(0, 10), costUsd: 40 + (i % 7) * 3 })),
  periodEnd: '2026-10-31',
  caps: [{ id: 'cap', limitUsd: 1400 }],
};
const anomalyBody = {
  granularity: 'day',
  series: Array.from({ length: 8 * 7 }, (_, d) => ({ start: new Date(FIRST_MS + d * DAY_MS).toISOString().slice(0, 10) + 'T00:00:00Z', costUsd: d % 7 >= 5 ? 60 : 200 })),
};

async function scrape(app: ReturnType<typeof createApp>): Promise<Exposition> {
  const response = await request(app).get('/metrics').expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(response.text);
}

describe('forecaster GET /metrics', () => {
  test('when forecasts and anomaly detections are answered or refused, then each is timed by operation and outcome, and counted by route', async () => {
    const app = createApp({ logger, bodyLimitBytes: 1_048_576 });
    await request(app).post('/forecast/cost').send(forecastBody).expect(200);
    await request(app).post('/forecast/cost').send(forecastBody).expect(200);
    await request(app).post('/forecast/cost').send({ series: [] }).expect(400);
    await request(app).post('/anomalies/detect').send(anomalyBody).expect(200);
    await request(app).post('/anomalies/detect').send({ granularity: 'minute' }).expect(400);

    const metrics = await scrape(app);

    expect(metrics.types.get('finops_forecaster_operation_duration_seconds')).toBe('histogram');
    expect(valueOf(metrics, 'finops_forecaster_operation_duration_seconds_count', { operation: 'forecast', outcome: 'ok' })).toBe(2);
    expect(valueOf(metrics, 'finops_forecaster_operation_duration_seconds_count', { operation: 'forecast', outcome: 'invalid' })).toBe(1);
    expect(valueOf(metrics, 'finops_forecaster_operation_duration_seconds_count', { operation: 'anomalies', outcome: 'ok' })).toBe(1);
    expect(valueOf(metrics, 'finops_forecaster_operation_duration_seconds_count', { operation: 'anomalies', outcome: 'invalid' })).toBe(1);
    expect(valueOf(metrics, 'http_requests_total', { method: 'POST', route: '/forecast/cost', status_class: '4xx' })).toBe(1);
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  test('when METRICS_TOKEN is set, then a scrape without it is a 401 problem and one with it is answered', async () => {
    const app = createApp({ logger, bodyLimitBytes: 1_048_576, metricsToken: METRICS_TOKEN });

    const refused = await request(app).get('/metrics').expect(401);
    expect(ProblemSchema.parse(refused.body).type).toBe(problemTypeUri('unauthorized'));
    await request(app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
  });
});
