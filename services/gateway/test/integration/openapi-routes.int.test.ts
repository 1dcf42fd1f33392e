import type { Express } from 'express';
import request from 'supertest';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from '../support/test-gateway';

interface RouterLayer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every method + path the Express app answers, read from its router stack (not from the declarations). */
function mountedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${prefix}${path}`);
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
  return found;
}

type Document = { paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>> };

function documentedRoutes(document: Document): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method]).map((method) => `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

let gateway: TestGateway;
let org: TestOrg;
let document: Document;

beforeAll(async () => {
  gateway = createTestGateway();
  org = await createOrg(gateway.app);
  document = (await request(gateway.app).get('/api/v1/openapi.json').expect(200)).body;
});
afterAll(() => gateway.close());

describe('the API document and the mounted routes', () => {
  test('when the app is built, then every route under /api/v1 and /v1 (OTLP) is documented and every documented route is mounted', () => {
    // The document does not describe itself.
    const mounted = mountedRoutes(gateway.app).filter((route) => /^\/(api\/)?v1\//.test(route.split(' ')[1]!) && route !== 'get /api/v1/openapi.json');

    expect(mounted.length).toBeGreaterThan(20);
    expect([...mounted].sort()).toEqual([...documentedRoutes(document)].sort());
  });

  test('when the OTLP export is read in the document, then it takes protobuf and JSON and documents every answer an exporter acts on', () => {
    const operation = document.paths['/v1/traces']?.post as {
      security: unknown;
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
    };

    expect(operation.security).toEqual([{ apiKey: ['ingest'] }]);
    expect(Object.keys(operation.requestBody.content).sort()).toEqual(['application/json', 'application/x-protobuf']);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '500', '503']);
    expect(Object.keys(operation.responses['200']!.content!).sort()).toEqual(['application/json', 'application/x-protobuf']);
    expect(Object.keys(operation.responses['429']!.headers!)).toEqual(['Retry-After']);
    expect(Object.keys(operation.responses['503']!.headers!)).toEqual(['Retry-After']);
  });

  test('when each documented operation is called with a valid credential, then no answer is the unknown-route 404', async () => {
    for (const route of documentedRoutes(document)) {
      const [method, path] = route.split(' ') as [(typeof METHODS)[number], string];
      const url = path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000');
      const token = path.startsWith('/api/v1/admin/') ? TEST_ADMIN_TOKEN : org.apiKey;
      const response = await request(gateway.app)[method](url).set('Authorization', `Bearer ${token}`).send({});

      expect({ route, detail: response.body.detail }).not.toEqual({ route, detail: `No route for ${method.toUpperCase()} ${url}` });
    }
  });

  test('when an operation is documented, then its 429 gives Retry-After and its API-key successes give the RateLimit fields', () => {
    type Response = { headers?: Record<string, unknown> };
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      METHODS.flatMap((method) => (byMethod[method] ? [{ path, operation: byMethod[method] as { responses: Record<string, Response> } }] : [])),
    );

    for (const { path, operation } of operations) {
      expect({ path, retryAfter: Object.keys(operation.responses['429']?.headers ?? {}) }).toEqual({ path, retryAfter: ['Retry-After'] });
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect(successes.length).toBeGreaterThan(0);
      for (const [status, response] of successes) {
        const expected = path.startsWith('/api/v1/admin/') ? [] : ['RateLimit', 'RateLimit-Policy'];
        expect({ path, status, headers: Object.keys(response.headers ?? {}).filter((name) => name.startsWith('RateLimit')).sort() }).toEqual({ path, status, headers: expected });
      }
    }
  });
});
