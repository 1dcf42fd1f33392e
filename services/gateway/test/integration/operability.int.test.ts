import request from 'supertest';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;

beforeAll(() => {
  gateway = createTestGateway();
});
afterAll(() => gateway.close());

describe('health, readiness, docs', () => {
  test('when the database answers, then /healthz and /readyz are ok', async () => {
    await request(gateway.app).get('/healthz').expect(200, { status: 'ok' });
    await request(gateway.app).get('/readyz').expect(200, { status: 'ready', checks: { database: 'ok' } });
  });

  test('when a request carries an X-Request-Id, then the same id comes back', async () => {
    const response = await request(gateway.app).get('/healthz').set('X-Request-Id', 'trace-me-123');

    expect(response.headers['x-request-id']).toBe('trace-me-123');
  });

  test('when the OpenAPI document is fetched, then it is 3.1 and describes every public endpoint', async () => {
    const response = await request(gateway.app).get('/api/v1/openapi.json').expect(200);

    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths).sort()).toEqual(
      expect.arrayContaining([
        '/api/v1/admin/orgs',
        '/api/v1/api-keys',
        '/api/v1/api-keys/{id}',
        '/api/v1/cost/models',
        '/api/v1/cost/models/{modelId}',
        '/api/v1/traces/ingest',
        '/api/v1/traces/ingest/batch',
        '/api/v1/cost/forecast',
      ]),
    );
    expect(response.body.components.schemas.TraceIngest.properties.costCenter).toBeDefined();
    expect(response.body.components.schemas.Problem).toBeDefined();
  });

  test('when /docs is opened, then the page is served locally', async () => {
    const response = await request(gateway.app).get('/docs/').expect(200);

    expect(response.text).toContain('swagger-ui');
    expect(response.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });
});

describe('readiness when the database is gone', () => {
  test('when the database cannot be reached, then /readyz answers 503 and /healthz still 200', async () => {
    const broken = createTestGateway();
    await broken.pool.end();
    try {
      await request(broken.app).get('/healthz').expect(200);
      const response = await request(broken.app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body.checks.database).toBe('failing');
    } finally {
      await broken.prisma.$disconnect();
      await broken.ownerPool.end();
    }
  });
});
