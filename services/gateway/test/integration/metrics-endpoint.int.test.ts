import { randomUUID } from 'node:crypto';
import { ProblemSchema, problemTypeUri } from '@finops/contracts';
import request from 'supertest';
import { valueOf } from '@finops/http-kit';
import { scrape } from '../support/scrape';
import { getFromNonLoopback } from '../support/non-loopback';
import { createOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123456789';

describe('GET /metrics without METRICS_TOKEN', () => {
  let gateway: TestGateway;
  beforeAll(() => {
    gateway = createTestGateway();
  });
  afterAll(() => gateway.close());

  test('when routes are called, then requests are counted by method, declared route template and status class', async () => {
    const org = await createOrg(gateway.app);
    await request(gateway.app).get('/healthz').expect(200);
    await request(gateway.app).get(`/api/v1/cost/budgets/${randomUUID()}`).set(org.auth).expect(404);
    await request(gateway.app).get(`/api/v1/cost/budgets/${randomUUID()}`).set(org.auth).expect(404);
    await request(gateway.app).get(`/no/such/${randomUUID()}`).expect(404);

    const metrics = await scrape(gateway.app);

    expect(metrics.types.get('http_requests_total')).toBe('counter');
    expect(metrics.types.get('http_request_duration_seconds')).toBe('histogram');
    expect(valueOf(metrics, 'http_requests_total', { method: 'GET', route: '/healthz', status_class: '2xx' })).toBe(1);
    expect(valueOf(metrics, 'http_requests_total', { method: 'GET', route: '/api/v1/cost/budgets/{id}', status_class: '4xx' })).toBe(2);
    expect(valueOf(metrics, 'http_requests_total', { method: 'POST', route: '/api/v1/admin/orgs', status_class: '2xx' })).toBe(1);
    expect(valueOf(metrics, 'http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(valueOf(metrics, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/cost/budgets/{id}', status_class: '4xx' })).toBe(2);
    const routes = new Set(metrics.samples.filter((sample) => sample.name === 'http_requests_total').map((sample) => sample.labels.route));
    expect([...routes].filter((route) => /[0-9a-f]{8}-[0-9a-f]{4}/.test(route ?? ''))).toEqual([]);
  });

  test('when scraped, then the process and event-loop metrics of this app are there', async () => {
    const metrics = await scrape(gateway.app);

    expect(metrics.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(metrics.types.get('process_resident_memory_bytes')).toBe('gauge');
  });

  test('when two apps run in one process, then each counts only its own requests', async () => {
    const other = createTestGateway();
    try {
      await request(other.app).get('/healthz').expect(200);
      await request(other.app).get('/healthz').expect(200);
      await request(other.app).get('/healthz').expect(200);

      expect(valueOf(await scrape(other.app), 'http_requests_total', { route: '/healthz', status_class: '2xx' })).toBe(3);
    } finally {
      await other.close();
    }
  });

  test('when a client that is not on loopback scrapes, then it gets a 403 problem', async () => {
    const response = await getFromNonLoopback(gateway.app, '/metrics');

    expect(response.status).toBe(403);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(ProblemSchema.parse(JSON.parse(response.body)).type).toBe(problemTypeUri('forbidden'));
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let gateway: TestGateway;
  beforeAll(() => {
    gateway = createTestGateway({ metricsToken: METRICS_TOKEN });
  });
  afterAll(() => gateway.close());

  test.each([
    ['no Authorization header', undefined],
    ['another token', `Bearer ${METRICS_TOKEN}x`],
    ['the token without Bearer', METRICS_TOKEN],
  ])('when the scrape sends %s, then it is a 401 problem', async (_case, authorization) => {
    const call = request(gateway.app).get('/metrics');
    const response = await (authorization ? call.set('Authorization', authorization) : call).expect(401);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(ProblemSchema.parse(response.body).type).toBe(problemTypeUri('unauthorized'));
    expect(response.text).not.toContain(METRICS_TOKEN);
  });

  test('when the scrape sends the token, then it is answered, also from a client not on loopback', async () => {
    await scrape(gateway.app, METRICS_TOKEN);
    expect((await getFromNonLoopback(gateway.app, '/metrics')).status).toBe(401);
  });
});
