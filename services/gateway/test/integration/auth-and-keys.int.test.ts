import request from 'supertest';
import { ApiKeyListSchema, CreatedApiKeySchema } from '@finops/contracts';
import { createOrg, docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';
import { createTestGateway, TEST_ADMIN_TOKEN } from '../support/test-gateway';

const context = useGatewayWithFreshOrg();

describe('API key authentication', () => {
  test.each([
    ['no Authorization header', undefined],
    ['a non-Bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed key', 'Bearer not-a-key'],
    ['an unknown, well-formed key', `Bearer fok_${'A'.repeat(43)}`],
  ])('when the request has %s, then 401 problem+json with a Bearer challenge', async (_name, header) => {
    const call = request(context.gateway.app).get('/api/v1/api-keys');
    const response = await (header ? call.set('Authorization', header) : call);

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  test('when a key is revoked, then it is refused at once, with the same answer as an unknown key', async () => {
    const created = CreatedApiKeySchema.parse((await request(context.gateway.app).post('/api/v1/api-keys').set(context.org.auth).send({ name: 'temp', scopes: ['read'] })).body);
    await request(context.gateway.app).get('/api/v1/api-keys').set('Authorization', `Bearer ${created.key}`).expect(200);

    await request(context.gateway.app).delete(`/api/v1/api-keys/${created.id}`).set(context.org.auth).expect(200);
    const revoked = await request(context.gateway.app).get('/api/v1/api-keys').set('Authorization', `Bearer ${created.key}`);
    const unknown = await request(context.gateway.app).get('/api/v1/api-keys').set('Authorization', `Bearer fok_${'B'.repeat(43)}`);

    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toBe(unknown.body.detail);
  });

  test('when keys are listed, then secrets are never shown, only prefixes, and last use is recorded', async () => {
    await request(context.gateway.app).post('/api/v1/traces/ingest').set(context.org.auth).send(docsExampleTrace()).expect(201);
    const list = ApiKeyListSchema.parse((await request(context.gateway.app).get('/api/v1/api-keys').set(context.org.auth)).body);

    expect(list.apiKeys).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(context.org.apiKey);
    expect(context.org.apiKey.startsWith(list.apiKeys[0]!.prefix)).toBe(true);
    expect(list.apiKeys[0]!.lastUsedAt).not.toBeNull();
  });

  test('when only the hash is stored, then the database never holds the key', async () => {
    const { rows } = await context.gateway.ownerPool.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE org_id = $1', [context.org.orgId]);

    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await context.gateway.ownerPool.query('SELECT * FROM api_keys WHERE org_id = $1', [context.org.orgId]);
    expect(JSON.stringify(dump.rows)).not.toContain(context.org.apiKey);
  });

  test('when an org revokes a key of another org, then 404 and the key keeps working', async () => {
    const other = await createOrg(context.gateway.app);
    const otherKeys = ApiKeyListSchema.parse((await request(context.gateway.app).get('/api/v1/api-keys').set(other.auth)).body);

    await request(context.gateway.app).delete(`/api/v1/api-keys/${otherKeys.apiKeys[0]!.id}`).set(context.org.auth).expect(404);
    await request(context.gateway.app).get('/api/v1/api-keys').set(other.auth).expect(200);
  });

  test('when revoking with an id that is not a UUID, then 400 names the path parameter', async () => {
    const response = await request(context.gateway.app).delete('/api/v1/api-keys/123').set(context.org.auth);

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
  });

  test('when a key is created without a name, then 400', async () => {
    const response = await request(context.gateway.app).post('/api/v1/api-keys').set(context.org.auth).send({});

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'name' })]);
  });
});

describe('POST /api/v1/admin/orgs', () => {
  test('when the admin token is wrong or an org key is used, then 401', async () => {
    await request(context.gateway.app).post('/api/v1/admin/orgs').set('Authorization', 'Bearer wrong').send({ name: 'x' }).expect(401);
    await request(context.gateway.app).post('/api/v1/admin/orgs').set(context.org.auth).send({ name: 'x' }).expect(401);
  });

  test('when the gateway runs without ADMIN_TOKEN, then the admin API says it is disabled', async () => {
    const withoutAdmin = createTestGateway({ adminToken: undefined });
    try {
      const response = await request(withoutAdmin.app).post('/api/v1/admin/orgs').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).send({ name: 'x' });
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/ADMIN_TOKEN/);
    } finally {
      await withoutAdmin.close();
    }
  });

  test('when an org is created, then its key works for ingest right away', async () => {
    const created = await createOrg(context.gateway.app, 'Acme Corp');
    await request(context.gateway.app).post('/api/v1/traces/ingest').set(created.auth).send(docsExampleTrace()).expect(201);
  });
});
