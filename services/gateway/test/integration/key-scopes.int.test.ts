import request from 'supertest';
import { ApiKeyListSchema, apiKeyScopes, CreatedApiKeySchema, problemTypeUri, type ApiKeyScope } from '@finops/contracts';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
  scope: ApiKeyScope;
}

let gateway: TestGateway;
let org: TestOrg;
let operations: Operation[];
/** A key of `org` holding exactly the given scopes. */
const keys = new Map<string, string>();

function createKey(auth: { Authorization: string }, scopes: readonly ApiKeyScope[] | undefined) {
  return request(gateway.app)
    .post('/api/v1/api-keys')
    .set(auth)
    .send({ name: `scoped-${scopes?.join('-') ?? 'default'}`, ...(scopes ? { scopes } : {}) });
}

async function keyWith(scopes: readonly ApiKeyScope[]): Promise<string> {
  const name = scopes.join('+');
  if (!keys.has(name)) keys.set(name, CreatedApiKeySchema.parse((await createKey(org.auth, scopes).expect(201)).body).key);
  return keys.get(name)!;
}

function call(operation: Operation, key: string) {
  const url = operation.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
  return request(gateway.app)[operation.method](url).set('Authorization', `Bearer ${key}`).send({});
}

beforeAll(async () => {
  gateway = createTestGateway();
  org = await createOrg(gateway.app);
  // The operations and their scopes come from the API document, which is generated from the endpoint declarations:
  // a new endpoint is in this matrix without anyone editing this file.
  const document = (await request(gateway.app).get('/api/v1/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { 'x-required-scope'?: ApiKeyScope; security?: { apiKey?: string[] }[] }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).flatMap(([method, operation]) =>
      operation['x-required-scope'] ? [{ method: method as Method, path, scope: operation['x-required-scope'] }] : [],
    ),
  );
});
afterAll(() => gateway.close());

describe('key scopes on every route', () => {
  test('when the document is read, then every API-key operation names one scope, also as its security requirement', async () => {
    const document = (await request(gateway.app).get('/api/v1/openapi.json')).body;
    const keyOperations = Object.values(document.paths as Record<string, Record<string, { security: unknown[] }>>)
      .flatMap((byMethod) => Object.values(byMethod))
      .filter((operation) => !JSON.stringify(operation.security).includes('adminToken'));

    expect(operations.length).toBe(keyOperations.length);
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) {
      expect(document.paths[operation.path][operation.method].security).toEqual([{ apiKey: [operation.scope] }]);
    }
  });

  test('when each route is called with a key of each single scope, then only the route’s own scope passes and the others get 403 naming it', async () => {
    for (const operation of operations) {
      for (const scope of apiKeyScopes) {
        const response = await call(operation, await keyWith([scope]));
        const refused = response.status === 403 && response.body.type === problemTypeUri('missingScope');

        expect({ operation, scope, refused }).toEqual({ operation, scope, refused: scope !== operation.scope });
        if (refused) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.body.missing_scopes).toEqual([operation.scope]);
          expect(response.body.detail).toContain(`"${operation.scope}"`);
        }
      }
    }
  });

  test('when each route is called with a key of every scope but its own, then 403', async () => {
    for (const operation of operations) {
      const response = await call(operation, await keyWith(apiKeyScopes.filter((scope) => scope !== operation.scope)));

      expect({ operation, status: response.status, missing: response.body.missing_scopes }).toEqual({ operation, status: 403, missing: [operation.scope] });
    }
  });
});

describe('creating keys with scopes', () => {
  test('when an org is created, then its first key holds every scope', async () => {
    const fresh = await createOrg(gateway.app);
    const list = ApiKeyListSchema.parse((await request(gateway.app).get('/api/v1/api-keys').set(fresh.auth).expect(200)).body);

    expect(list.apiKeys.map((key) => key.scopes)).toEqual([['ingest', 'read', 'manage']]);
  });

  test('when a key is created without scopes, then it may ingest and nothing else', async () => {
    const created = CreatedApiKeySchema.parse((await createKey(org.auth, undefined).expect(201)).body);
    const auth = { Authorization: `Bearer ${created.key}` };

    expect(created.scopes).toEqual(['ingest']);
    await request(gateway.app).post('/api/v1/traces/ingest').set(auth).send(docsExampleTrace()).expect(201);
    const report = await request(gateway.app).get('/api/v1/cost/report').query({ groupBy: 'team', from: '2026-01-01', to: '2026-01-31' }).set(auth);
    expect(report.status).toBe(403);
    expect(report.body.missing_scopes).toEqual(['read']);
  });

  test('when scopes are given in any order, then they are stored and shown in the canonical order', async () => {
    const created = CreatedApiKeySchema.parse((await createKey(org.auth, ['manage', 'ingest']).expect(201)).body);
    const listed = ApiKeyListSchema.parse((await request(gateway.app).get('/api/v1/api-keys').set(org.auth)).body).apiKeys.find((key) => key.id === created.id);

    expect(created.scopes).toEqual(['ingest', 'manage']);
    expect(listed?.scopes).toEqual(['ingest', 'manage']);
  });

  test('when a manage key asks for a scope it does not hold, then 403 names it and no key is made', async () => {
    const manager = { Authorization: `Bearer ${await keyWith(['manage'])}` };
    const before = ApiKeyListSchema.parse((await request(gateway.app).get('/api/v1/api-keys').set(org.auth)).body).apiKeys.length;

    const response = await createKey(manager, ['manage', 'read', 'ingest']);

    expect(response.status).toBe(403);
    expect(response.body.type).toBe(problemTypeUri('missingScope'));
    expect(response.body.missing_scopes).toEqual(['ingest', 'read']);
    expect(ApiKeyListSchema.parse((await request(gateway.app).get('/api/v1/api-keys').set(org.auth)).body).apiKeys.length).toBe(before);
    expect((await createKey(manager, ['manage'])).status).toBe(201);
  });

  test.each([
    ['an unknown scope', ['admin']],
    ['no scope', []],
    ['a scope twice', ['read', 'read']],
    ['not a list', 'read'],
  ])('when the scopes are %s, then 400 names scopes', async (_name, scopes) => {
    const response = await request(gateway.app).post('/api/v1/api-keys').set(org.auth).send({ name: 'bad', scopes });

    expect(response.status).toBe(400);
    expect(response.body.invalid_params.map((param: { name: string }) => param.name)).toEqual([expect.stringMatching(/^scopes/)]);
  });
});
