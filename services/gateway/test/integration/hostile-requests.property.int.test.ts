import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import request from 'supertest';
import { canonicalDecimal } from '@finops/contracts';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { rollupTotals, traceSpend } from '../support/db-state';
import { createTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from '../support/test-gateway';

// Seeded and of fixed size, so every run sends the same requests; a failure prints the seed and the shrunk request.
const SEED = 20261203;
const RUNS = 1500;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  /** OpenAPI template, e.g. /api/v1/cost/budgets/{id}. */
  path: string;
}

interface HostileRequest {
  route: Route;
  pathParams: string[];
  query: string;
  body: Buffer | undefined;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  auth: 'key' | 'admin' | 'random' | 'none';
  idempotencyKey: string | undefined;
}

// Characters a client can put in a URL as they are, and %XX escapes of every byte (invalid UTF-8 and NUL included).
const urlChar = fc.oneof(
  fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$\'()*+,;:@'.split('')),
  fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`),
);
const urlText = fc.array(urlChar, { maxLength: 12 }).map((chars) => chars.join(''));
const knownQueryNames = ['groupBy', 'from', 'to', 'granularity', 'format', 'team', 'project', 'costCenter', 'agentId', 'modelId', 'untagged', 'limit', 'cursor', 'budgetId', 'dimension', 'value', 'includeSeries'];
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...knownQueryNames), urlText), fc.oneof(urlText, fc.constantFrom('2026-01-01', 'costCenter', 'csv', 'true', '50', ''))), { maxLength: 4 })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&'));
const pathParam = fc.oneof(fc.uuid(), urlText, fc.constantFrom('gpt-4o', '', '..', '%2F'));

// JSON with the shapes that break parsers and databases: huge and tiny numbers, escapes of lone surrogates and NUL,
// deep nesting, valid bodies with one field replaced.
const hostileString = fc.oneof(fc.string(), fc.constantFrom('\\ud800', '\\udfff', '\\u0000', '\\ud83d\\ude00', 'é', '=1+1'));
const jsonText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })).map((value) => JSON.stringify(value)),
  fc
    .tuple(
      fc.constantFrom('agentId', 'modelId', 'costUsd', 'tokensUsed', 'inputTokens', 'team', 'metadata', 'occurredAt', 'limitUsd', 'estimatedCostUsd', 'url', 'name', 'traces'),
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? 'null'),
        hostileString.map((text) => `"${text.replace(/"/g, '')}"`),
        fc.constantFrom('1e308', '-0', '9999999999999999999999', '0.0000000000001', '2147483648', '1e-400'),
      ),
    )
    .map(([field, raw]) => JSON.stringify(docsExampleTrace({ occurredAt: '2026-01-01T00:00:00Z' })).replace(/}$/, `,"${field}":${raw}}`)),
  fc.integer({ min: 60, max: 3000 }).map((depth) => `{"metadata":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const body = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: jsonText.map((text) => Buffer.from(text, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 128 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.tuple(jsonText, fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([text, bytes]) => Buffer.concat([Buffer.from(text.slice(0, -2)), Buffer.from(bytes), Buffer.from(text.slice(-2))])) },
);

function encode(bytes: Buffer, coding: string | undefined): Buffer {
  if (coding === 'gzip') return gzipSync(bytes);
  if (coding === 'deflate') return deflateSync(bytes);
  return bytes;
}

function hostileRequests(routes: Route[]): fc.Arbitrary<HostileRequest> {
  return fc.record({
    route: fc.constantFrom(...routes),
    pathParams: fc.array(pathParam, { minLength: 3, maxLength: 3 }),
    query: fc.oneof(fc.constant(''), queryString),
    body,
    contentType: fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/merge-patch+json'),
    contentEncoding: fc.constantFrom(undefined, undefined, 'gzip', 'deflate', 'br', 'zstd', 'identity', 'gzip, gzip'),
    auth: fc.constantFrom('key', 'key', 'key', 'admin', 'random', 'none'),
    idempotencyKey: fc.option(fc.stringMatching(/^[\x21-\x7e]{0,300}$/), { nil: undefined }),
  });
}

function openApiRoutes(document: { paths: Record<string, Record<string, unknown>> }): Route[] {
  const methods: Method[] = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    methods.filter((method) => operations[method] !== undefined).map((method) => ({ method, path: path.startsWith('/api/v1') ? path : `/api/v1${path}` })),
  );
}

describe('hostile requests to every documented route', () => {
  let gateway: TestGateway;
  let org: TestOrg;

  beforeAll(async () => {
    // Bad keys here probe the routes, not the door: with the default throttle, every later request would be a 429.
    const unthrottled = { points: 1_000_000, windowSeconds: 60, blockSeconds: 1 };
    gateway = createTestGateway({ rateLimits: { failedApiKeys: unthrottled, failedAdminTokens: unthrottled } });
    org = await createOrg(gateway.app);
    const seed = Array.from({ length: 20 }, (_, i) => docsExampleTrace({ tokensUsed: 100 + i, occurredAt: '2026-01-02T00:00:00Z' }));
    await request(gateway.app).post('/api/v1/traces/ingest/batch').set(org.auth).send({ traces: seed }).expect(201);
  });
  afterAll(() => gateway.close());

  test('when thousands of arbitrary and mutated requests are sent, then none is a 5xx, every error is problem+json, and totals move only by what was accepted', async () => {
    const document = (await request(gateway.app).get('/api/v1/openapi.json').expect(200)).body;
    const routes = openApiRoutes(document);
    expect(routes.length).toBeGreaterThan(20);
    const before = await traceSpend(gateway.ownerPool, org.orgId);
    let acceptedTraces = 0n;
    let acceptedMicroUnits = 0n;
    const answered = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(hostileRequests(routes), async (hostile) => {
        let index = 0;
        const path = hostile.route.path.replace(/\{[^}]+\}/g, () => hostile.pathParams[index++] ?? 'x');
        const url = hostile.query ? `${path}?${hostile.query}` : path;
        let call = request(gateway.app)[hostile.route.method](url);
        if (hostile.auth === 'key') call = call.set('Authorization', `Bearer ${org.apiKey}`);
        if (hostile.auth === 'admin') call = call.set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
        if (hostile.auth === 'random') call = call.set('Authorization', 'Bearer fok_not-a-key');
        if (hostile.idempotencyKey !== undefined) call = call.set('Idempotency-Key', hostile.idempotencyKey);
        if (hostile.contentType) call = call.set('Content-Type', hostile.contentType);
        if (hostile.body !== undefined) {
          const coding = hostile.contentEncoding === 'br' || hostile.contentEncoding === 'zstd' ? hostile.contentEncoding : hostile.contentEncoding?.split(',')[0];
          if (hostile.contentEncoding) call = call.set('Content-Encoding', hostile.contentEncoding);
          call = call.serialize((raw: unknown) => raw as string).send(encode(hostile.body, coding));
        }
        const response = await call;

        const key = `${hostile.route.method} ${hostile.route.path} ${response.status}`;
        answered.set(key, (answered.get(key) ?? 0) + 1);
        expect({ url, status: response.status >= 500 ? response.status : 'below 500' }).toEqual({ url, status: 'below 500' });
        if (response.status >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const isIngest = hostile.route.path.startsWith('/api/v1/traces/ingest');
        if (isIngest && response.status === 201 && response.headers['idempotent-replayed'] !== 'true' && hostile.auth === 'key') {
          const traces = hostile.route.path.endsWith('/batch') ? response.body.traces : [response.body];
          acceptedTraces += BigInt(traces.length);
          for (const trace of traces) acceptedMicroUnits += BigInt(trace.costUsd.replace(/^(\d+)(?:\.(\d*))?$/, (_: string, whole: string, fraction = '') => whole + fraction.padEnd(12, '0')));
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    await gateway.gateway.drain();

    const after = await traceSpend(gateway.ownerPool, org.orgId);
    const toMicroUnits = (usd: string) => BigInt(canonicalDecimal(usd).replace(/^(\d+)(?:\.(\d*))?$/, (_: string, whole: string, fraction = '') => whole + fraction.padEnd(12, '0')));
    expect(BigInt(after.traces) - BigInt(before.traces)).toBe(acceptedTraces);
    expect(toMicroUnits(after.spend) - toMicroUnits(before.spend)).toBe(acceptedMicroUnits);
    expect(toMicroUnits((await rollupTotals(gateway.ownerPool, org.orgId)).spend)).toBe(toMicroUnits(after.spend));
    // Every documented route was reached, and not only refused at the door.
    for (const route of routes) expect([...answered.keys()].some((key) => key.startsWith(`${route.method} ${route.path} `))).toBe(true);
  }, 120_000);
});
