import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createOrg } from '../../../../services/gateway/test/support/factories';
import { createTestGateway, type TestGateway } from '../../../../services/gateway/test/support/test-gateway';
import { loadLauncherConfig } from '../../src/launcher-config';
import { mintLocalKey } from '../../src/local-key';

describe('npm run key (a new key straight into the database)', () => {
  let gateway: TestGateway;
  const config = () => loadLauncherConfig({ DATABASE_URL: process.env.FINOPS_TEST_DATABASE_URL });

  beforeAll(() => {
    gateway = createTestGateway();
  });
  afterAll(() => gateway.close());

  test('when run for an org, then the printed key works in that org with the scopes asked for', async () => {
    const name = `org-${randomUUID()}`;
    const org = await createOrg(gateway.app, name);

    const minted = await mintLocalKey(config(), { org: name, name: 'lost laptop', scopes: ['read'] });

    expect(minted).toMatchObject({ orgId: org.orgId, scopes: ['read'] });
    const keys = await request(gateway.app).get('/api/v1/api-keys').set('Authorization', `Bearer ${minted.key}`).expect(200);
    expect(keys.body.apiKeys.map((key: { name: string }) => key.name)).toContain('lost laptop');
    await request(gateway.app).post('/api/v1/api-keys').set('Authorization', `Bearer ${minted.key}`).send({ name: 'x' }).expect(403);
  });

  test('when the org does not exist, then it says so and stores nothing', async () => {
    const before = await gateway.ownerPool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');

    await expect(mintLocalKey(config(), { org: 'no-such-org', name: 'x', scopes: ['ingest'] })).rejects.toThrow('there is no org named "no-such-org"');

    const after = await gateway.ownerPool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
