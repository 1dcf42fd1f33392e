import request from 'supertest';
import { CreatedApiKeySchema } from '@finops/contracts';
import { createOrg, useGatewayWithFreshOrg } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-gateway';

const context = useGatewayWithFreshOrg();
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('POST /api/v1/admin/orgs/{orgId}/keys (an operator regains access to an org)', () => {
  test('when the admin token mints a key for an existing org, then it holds every scope and works in that org only', async () => {
    const other = await createOrg(context.gateway.app);

    const response = await request(context.gateway.app).post(`/api/v1/admin/orgs/${context.org.orgId}/keys`).set(admin).send({});

    expect(response.status).toBe(201);
    const minted = CreatedApiKeySchema.parse(response.body);
    expect(minted.scopes).toEqual(['ingest', 'read', 'manage']);
    expect(minted.name).toBe('recovered');
    const keys = await request(context.gateway.app).get('/api/v1/api-keys').set('Authorization', `Bearer ${minted.key}`).expect(200);
    expect(keys.body.apiKeys.map((key: { id: string }) => key.id)).toContain(minted.id);
    const otherKeys = await request(context.gateway.app).get('/api/v1/api-keys').set(other.auth).expect(200);
    expect(otherKeys.body.apiKeys.map((key: { id: string }) => key.id)).not.toContain(minted.id);
  });

  test('when scopes are given, then the key holds exactly those', async () => {
    const response = await request(context.gateway.app)
      .post(`/api/v1/admin/orgs/${context.org.orgId}/keys`)
      .set(admin)
      .send({ name: 'agent', scopes: ['ingest'] })
      .expect(201);

    expect(CreatedApiKeySchema.parse(response.body)).toMatchObject({ name: 'agent', scopes: ['ingest'] });
    await request(context.gateway.app).get('/api/v1/api-keys').set('Authorization', `Bearer ${response.body.key}`).expect(403);
  });

  test('when the org does not exist, then 404 problem+json and no key is stored', async () => {
    const before = await context.gateway.ownerPool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
    const response = await request(context.gateway.app).post('/api/v1/admin/orgs/00000000-0000-4000-8000-000000000000/keys').set(admin).send({});
    const after = await context.gateway.ownerPool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  test.each([
    ['an org id that is not a uuid', '/api/v1/admin/orgs/local/keys', {}, 'orgId'],
    ['an unknown scope', undefined, { scopes: ['everything'] }, 'scopes'],
    ['an unknown field', undefined, { name: 'x', role: 'owner' }, 'role'],
  ])('when the request has %s, then 400 naming the field', async (_name, path, body, field) => {
    const response = await request(context.gateway.app)
      .post(path ?? `/api/v1/admin/orgs/${context.org.orgId}/keys`)
      .set(admin)
      .send(body);

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  test('when an API key (even with every scope) is used instead of the admin token, then it is refused', async () => {
    const response = await request(context.gateway.app).post(`/api/v1/admin/orgs/${context.org.orgId}/keys`).set(context.org.auth).send({});

    expect(response.status).toBe(401);
  });
});
