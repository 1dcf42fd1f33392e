import { randomUUID } from 'node:crypto';
import { problemTypeUri } from '@finops/contracts';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DEFAULT_RATE_LIMIT_SETTINGS, type RateLimitSettings } from '../../src/modules/rate-limits/rate-limit-settings';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { listenOnLoopback } from '../support/from-address';
import { createTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from '../support/test-gateway';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WRONG_KEY = { Authorization: `Bearer fok_${'W'.repeat(43)}` };

/** Small budgets with a long window, so nothing refills while a test runs; a fresh key prefix per gateway pair. */
function limits(overrides: Partial<RateLimitSettings> = {}): Partial<RateLimitSettings> {
  return {
    keyPrefix: `test-${randomUUID()}`,
    ingest: { points: 3, windowSeconds: 600 },
    guard: { points: 2, windowSeconds: 600 },
    read: { points: 4, windowSeconds: 600 },
    failedApiKeys: { points: 3, windowSeconds: 600, blockSeconds: 300 },
    failedAdminTokens: { points: 2, windowSeconds: 600, blockSeconds: 900 },
    ...overrides,
  };
}

const gateways: TestGateway[] = [];
function gatewayWith(settings: Partial<RateLimitSettings>): TestGateway {
  const gateway = createTestGateway({ rateLimits: settings });
  gateways.push(gateway);
  return gateway;
}
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
});

const ingest = (gateway: TestGateway, org: TestOrg) => request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace());
const guardCheck = (gateway: TestGateway, org: TestOrg) =>
  request(gateway.app).post('/api/v1/guard/check').set(org.auth).send({ agentId: 'agt_limits', estimatedCostUsd: '0.01' });
const read = (gateway: TestGateway, org: TestOrg) => request(gateway.app).get('/api/v1/api-keys').set(org.auth);

describe('per-key rate limits', () => {
  test('when a key spends its ingest budget, then the next ingest is a 429 problem with Retry-After and the RateLimit fields', async () => {
    const gateway = gatewayWith(limits());
    const org = await createOrg(gateway.app);

    const accepted = [await ingest(gateway, org), await ingest(gateway, org), await ingest(gateway, org)];
    const refused = await ingest(gateway, org);

    expect(accepted.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(accepted.map((response) => response.headers['ratelimit-policy'])).toEqual(Array(3).fill('"ingest";q=3;w=600'));
    expect(accepted.map((response) => /^"ingest";r=(\d+);t=(\d+)$/.exec(String(response.headers.ratelimit))?.[1])).toEqual(['2', '1', '0']);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: problemTypeUri('rateLimited'), status: 429, instance: '/api/v1/traces/ingest' });
    expect(refused.body.detail).toMatch(/more than 3 ingest requests in 600 s/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(refused.headers['ratelimit-policy']).toBe('"ingest";q=3;w=600');
    expect(refused.headers.ratelimit).toBe(`"ingest";r=0;t=${retryAfter}`);
    const { rows } = await gateway.ownerPool.query<{ n: string }>('SELECT count(*)::text AS n FROM execution_traces WHERE org_id = $1', [org.orgId]);
    expect(rows[0]!.n).toBe('3');
  });

  test('when a key spends its ingest budget, then its guard checks and reads still pass and another key is unaffected', async () => {
    const gateway = gatewayWith(limits());
    const org = await createOrg(gateway.app);
    const other = await createOrg(gateway.app);
    for (let i = 0; i < 3; i += 1) await ingest(gateway, org).expect(201);
    await ingest(gateway, org).expect(429);

    const check = await guardCheck(gateway, org).expect(200);
    const listed = await read(gateway, org).expect(200);
    await ingest(gateway, other).expect(201);

    expect(check.headers.ratelimit).toMatch(/^"guard";r=1;t=\d+$/);
    expect(listed.headers.ratelimit).toMatch(/^"read";r=3;t=\d+$/);
  });

  test('when OTLP exports spend the ingest budget, then the export after it is a 429 with Retry-After and JSON ingest of the key is refused too', async () => {
    const gateway = gatewayWith(limits());
    const org = await createOrg(gateway.app);
    const otlpExport = () => request(gateway.app).post('/v1/traces').set(org.auth).set('Content-Type', 'application/json').send('{}');

    await ingest(gateway, org).expect(201);
    await otlpExport().expect(200);
    await otlpExport().expect(200);
    const refused = await otlpExport();

    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ type: problemTypeUri('rateLimited'), instance: '/v1/traces' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await ingest(gateway, org).expect(429);
  });

  test('when a key spends its guard budget, then settle is refused too, while ingest and reads of the key pass', async () => {
    const gateway = gatewayWith(limits());
    const org = await createOrg(gateway.app);
    await guardCheck(gateway, org).expect(200);
    await guardCheck(gateway, org).expect(200);

    const refusedCheck = await guardCheck(gateway, org);
    const refusedSettle = await request(gateway.app).post('/api/v1/guard/settle').set(org.auth).send({ reservationId: randomUUID(), actualCostUsd: '0' });

    expect([refusedCheck.status, refusedSettle.status]).toEqual([429, 429]);
    expect(refusedSettle.headers['ratelimit-policy']).toBe('"guard";q=2;w=600');
    await ingest(gateway, org).expect(201);
    await read(gateway, org).expect(200);
  });

  test('when a key spends its read budget, then every other read route is refused (one budget) but ingest passes', async () => {
    const gateway = gatewayWith(limits());
    const org = await createOrg(gateway.app);
    for (let i = 0; i < 4; i += 1) await read(gateway, org).expect(200);

    const policies = await request(gateway.app).get('/api/v1/guard/policies').set(org.auth);
    const budgets = await request(gateway.app).get('/api/v1/cost/budgets').set(org.auth);

    expect([policies.status, budgets.status]).toEqual([429, 429]);
    expect(policies.headers['ratelimit-policy']).toBe('"read";q=4;w=600');
    await ingest(gateway, org).expect(201);
  });

  test('when a window ends, then the budget is whole again', async () => {
    // rate-limiter-flexible times windows on its own clock, so this one test waits for a real one-second window.
    const gateway = gatewayWith(limits({ read: { points: 1, windowSeconds: 1 } }));
    const org = await createOrg(gateway.app);
    await read(gateway, org).expect(200);
    const refused = await read(gateway, org).expect(429);
    expect(refused.headers['retry-after']).toBe('1');

    await new Promise((resolve) => setTimeout(resolve, 1_050));

    const again = await read(gateway, org).expect(200);
    expect(again.headers.ratelimit).toMatch(/^"read";r=0;t=1$/);
  });

  test('when no limits are configured, then the documented defaults apply', async () => {
    const gateway = createTestGateway();
    gateways.push(gateway);
    const org = await createOrg(gateway.app);

    const response = await ingest(gateway, org).expect(201);

    expect(response.headers['ratelimit-policy']).toBe(`"ingest";q=${DEFAULT_RATE_LIMIT_SETTINGS.ingest.points};w=60`);
  });
});

describe('failed authentication throttling', () => {
  test('when an address sends more unknown keys than allowed, then it gets 429 with Retry-After, even with a valid key, and other addresses do not', async () => {
    const gateway = gatewayWith(limits());
    const org = await createOrg(gateway.app);
    const server = await listenOnLoopback(gateway.app);
    try {
      const failures = [];
      for (let i = 0; i < 3; i += 1) failures.push((await server.send('127.0.0.2', 'GET', '/api/v1/api-keys', WRONG_KEY)).status);
      const crossing = await server.send('127.0.0.2', 'GET', '/api/v1/api-keys', WRONG_KEY);
      const validFromBlocked = await server.send('127.0.0.2', 'GET', '/api/v1/api-keys', org.auth);
      const missingFromBlocked = await server.send('127.0.0.2', 'GET', '/api/v1/api-keys');
      const validElsewhere = await server.send('127.0.0.3', 'GET', '/api/v1/api-keys', org.auth);
      const wrongElsewhere = await server.send('127.0.0.3', 'GET', '/api/v1/api-keys', WRONG_KEY);

      expect(failures).toEqual([401, 401, 401]);
      expect(crossing.status).toBe(429);
      expect(crossing.body).toMatchObject({ type: problemTypeUri('authThrottled'), status: 429 });
      expect(Number(crossing.headers['retry-after'])).toBe(300);
      expect(validFromBlocked.status).toBe(429);
      expect(Number(validFromBlocked.headers['retry-after'])).toBeGreaterThan(290);
      expect(missingFromBlocked.status).toBe(429);
      expect([validElsewhere.status, wrongElsewhere.status]).toEqual([200, 401]);
    } finally {
      await server.close();
    }
  });

  test('when an address sends wrong admin tokens, then after the limit even the right token is refused there, and not elsewhere', async () => {
    const gateway = gatewayWith(limits());
    const server = await listenOnLoopback(gateway.app);
    const createOrgAs = (from: string, token: string) =>
      server.send(from, 'POST', '/api/v1/admin/orgs', { Authorization: `Bearer ${token}` }, { name: `org-${randomUUID()}` });
    try {
      const wrong = 'wrong-admin-token-0123456789abcdef0123456789';
      const failures = [(await createOrgAs('127.0.0.4', wrong)).status, (await createOrgAs('127.0.0.4', wrong)).status];
      const crossing = await createOrgAs('127.0.0.4', wrong);
      const rightFromBlocked = await createOrgAs('127.0.0.4', TEST_ADMIN_TOKEN);
      const rightElsewhere = await createOrgAs('127.0.0.5', TEST_ADMIN_TOKEN);

      expect(failures).toEqual([401, 401]);
      expect(crossing.status).toBe(429);
      expect(crossing.body).toMatchObject({ type: problemTypeUri('authThrottled') });
      expect(crossing.headers['retry-after']).toBe('900');
      expect(rightFromBlocked.status).toBe(429);
      expect(rightElsewhere.status).toBe(201);
    } finally {
      await server.close();
    }
  });

  test('when bad API keys are throttled, then admin tokens from that address are still judged on their own budget', async () => {
    const gateway = gatewayWith(limits());
    const server = await listenOnLoopback(gateway.app);
    try {
      for (let i = 0; i < 4; i += 1) await server.send('127.0.0.6', 'GET', '/api/v1/api-keys', WRONG_KEY);

      const admin = await server.send('127.0.0.6', 'POST', '/api/v1/admin/orgs', { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, { name: `org-${randomUUID()}` });

      expect(admin.status).toBe(201);
    } finally {
      await server.close();
    }
  });
});

/** What the shared store holds for a key's ingest budget, read with the store's own client. */
async function storedIngestPoints(store: 'redis' | 'postgres', gateway: TestGateway, keyPrefix: string, org: TestOrg): Promise<number> {
  const { rows } = await gateway.ownerPool.query<{ id: string }>('SELECT id FROM api_keys WHERE org_id = $1', [org.orgId]);
  const key = `${keyPrefix}:ingest:${rows[0]!.id}`;
  if (store === 'postgres') return (await gateway.ownerPool.query<{ points: number }>('SELECT points FROM rate_limits WHERE key = $1', [key])).rows[0]!.points;
  const redis = new Redis(REDIS_URL);
  try {
    return Number(await redis.get(key));
  } finally {
    redis.disconnect();
  }
}

describe.each([
  ['redis', { store: 'redis', redisUrl: REDIS_URL }],
  ['postgres', { store: 'postgres' }],
] as const)('limits shared through %s', (_name, store) => {
  test('when two gateway instances share the store, then a key has one budget across both', async () => {
    const shared = limits(store);
    const [a, b] = [gatewayWith(shared), gatewayWith(shared)];
    const org = await createOrg(a.app);

    const statuses = [(await ingest(a, org)).status, (await ingest(b, org)).status, (await ingest(a, org)).status];
    const refusedOnB = await ingest(b, org);
    const refusedOnA = await ingest(a, org);

    expect(statuses).toEqual([201, 201, 201]);
    expect([refusedOnB.status, refusedOnA.status]).toEqual([429, 429]);
    expect(refusedOnB.headers.ratelimit).toMatch(/^"ingest";r=0;t=\d+$/);
    expect(await storedIngestPoints(store.store, a, shared.keyPrefix!, org)).toBe(5);
    await read(b, org).expect(200);
  });

  test('when failed keys from one address are split over two instances, then they add up to one budget', async () => {
    const shared = limits(store);
    const [a, b] = [gatewayWith(shared), gatewayWith(shared)];
    const [onA, onB] = [await listenOnLoopback(a.app), await listenOnLoopback(b.app)];
    try {
      const statuses = [
        (await onA.send('127.0.0.7', 'GET', '/api/v1/api-keys', WRONG_KEY)).status,
        (await onB.send('127.0.0.7', 'GET', '/api/v1/api-keys', WRONG_KEY)).status,
        (await onA.send('127.0.0.7', 'GET', '/api/v1/api-keys', WRONG_KEY)).status,
        (await onB.send('127.0.0.7', 'GET', '/api/v1/api-keys', WRONG_KEY)).status,
        (await onA.send('127.0.0.7', 'GET', '/api/v1/api-keys', WRONG_KEY)).status,
      ];

      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await onA.close();
      await onB.close();
    }
  });

  test('when two instances share a store but not a key prefix, then their budgets are separate', async () => {
    const [a, b] = [gatewayWith(limits(store)), gatewayWith(limits(store))];
    const org = await createOrg(a.app);
    for (let i = 0; i < 3; i += 1) await ingest(a, org).expect(201);

    await ingest(a, org).expect(429);
    await ingest(b, org).expect(201);
  });
});

describe('limits in memory (the default store)', () => {
  test('when two instances keep limits in memory, then each has its own budget (a limit is per replica)', async () => {
    const shared = limits();
    const [a, b] = [gatewayWith(shared), gatewayWith(shared)];
    const org = await createOrg(a.app);
    for (let i = 0; i < 3; i += 1) await ingest(a, org).expect(201);

    await ingest(a, org).expect(429);
    await ingest(b, org).expect(201);
  });
});
