import { randomUUID } from 'node:crypto';
import { GuardPolicyListSchema, GuardPolicySchema, ProblemSchema } from '@finops/contracts';
import request from 'supertest';
import { useGatewayWithFreshOrg } from '../support/factories';
import { createPolicy } from '../support/guard';

const context = useGatewayWithFreshOrg();
const api = () => request(context.gateway.app);

async function policyRows(orgId: string) {
  const { rows } = await context.gateway.ownerPool.query(
    `SELECT id, scope, agent_id, trim_scale(limit_usd)::text AS limit_usd, period_type, fail_mode, name FROM guard_policies WHERE org_id = $1 ORDER BY created_at`,
    [orgId],
  );
  return rows;
}

/** The invalid_params of a 400 problem, as "in:name" strings. */
async function invalidParams(response: request.Response): Promise<string[]> {
  expect(response.status).toBe(400);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.type).toMatch(/validation-error$/);
  return problem.invalid_params!.map((param) => `${param.in}:${param.name}`);
}

describe('guard policies: create, read, change, delete', () => {
  test('when an agent policy is created with every field, then it is stored as given and the answer says where it lives', async () => {
    const response = await api()
      .post('/api/v1/guard/policies')
      .set(context.org.auth)
      .send({ scope: 'agent', agentId: 'support-bot', limitUsd: '25.5', periodType: 'daily', failMode: 'open', name: 'Support bot daily' })
      .expect(201);
    const policy = GuardPolicySchema.parse(response.body);

    expect(policy).toMatchObject({ scope: 'agent', agentId: 'support-bot', limitUsd: '25.5', periodType: 'daily', failMode: 'open', name: 'Support bot daily' });
    expect(response.headers.location).toBe(`/api/v1/guard/policies/${policy.id}`);
    expect(await policyRows(context.org.orgId)).toEqual([
      { id: policy.id, scope: 'agent', agent_id: 'support-bot', limit_usd: '25.5', period_type: 'daily', fail_mode: 'open', name: 'Support bot daily' },
    ]);
  });

  test('when an org policy leaves out the optional fields, then it is monthly and fails closed', async () => {
    const policy = await createPolicy(context.gateway.app, context.org, { scope: 'org', limitUsd: 100 });

    expect(policy).toMatchObject({ scope: 'org', agentId: null, limitUsd: '100', periodType: 'monthly', failMode: 'closed', name: null });
    expect((await policyRows(context.org.orgId))[0]).toMatchObject({ agent_id: '' });
  });

  test('when policies are listed and read one by one, then both give the same stored policies, oldest first', async () => {
    const first = await createPolicy(context.gateway.app, context.org, { scope: 'org', limitUsd: 100 });
    const second = await createPolicy(context.gateway.app, context.org, { scope: 'agent', agentId: 'a1', limitUsd: 5, periodType: 'weekly' });

    const list = GuardPolicyListSchema.parse((await api().get('/api/v1/guard/policies').set(context.org.auth).expect(200)).body);
    const one = GuardPolicySchema.parse((await api().get(`/api/v1/guard/policies/${second.id}`).set(context.org.auth).expect(200)).body);

    expect(list.policies).toEqual([first, second]);
    expect(one).toEqual(second);
  });

  test('when a policy is patched, then limit, fail mode and name change and scope, agent and period stay', async () => {
    const policy = await createPolicy(context.gateway.app, context.org, { scope: 'agent', agentId: 'a1', limitUsd: 5, periodType: 'daily', name: 'x' });

    const response = await api().patch(`/api/v1/guard/policies/${policy.id}`).set(context.org.auth).send({ limitUsd: 7.25, failMode: 'open', name: null }).expect(200);

    expect(GuardPolicySchema.parse(response.body)).toMatchObject({ id: policy.id, scope: 'agent', agentId: 'a1', periodType: 'daily', limitUsd: '7.25', failMode: 'open', name: null });
    expect(await policyRows(context.org.orgId)).toEqual([expect.objectContaining({ limit_usd: '7.25', fail_mode: 'open', name: null })]);
  });

  test('when a policy is deleted, then it is gone and reading it again is 404', async () => {
    const policy = await createPolicy(context.gateway.app, context.org, { scope: 'org', limitUsd: 1 });

    await api().delete(`/api/v1/guard/policies/${policy.id}`).set(context.org.auth).expect(204);

    expect(await policyRows(context.org.orgId)).toEqual([]);
    await api().get(`/api/v1/guard/policies/${policy.id}`).set(context.org.auth).expect(404);
  });

  test('when a second policy has the same scope, agent and period type, then it is 409 naming the first', async () => {
    const first = await createPolicy(context.gateway.app, context.org, { scope: 'agent', agentId: 'a1', limitUsd: 5, periodType: 'daily' });

    const response = await api().post('/api/v1/guard/policies').set(context.org.auth).send({ scope: 'agent', agentId: 'a1', limitUsd: 9, periodType: 'daily' }).expect(409);

    expect(ProblemSchema.parse(response.body).detail).toContain(first.id);
    await createPolicy(context.gateway.app, context.org, { scope: 'agent', agentId: 'a1', limitUsd: 50, periodType: 'monthly' });
    expect(await policyRows(context.org.orgId)).toHaveLength(2);
  });
});

describe('guard policies: every 400 and 404', () => {
  test.each([
    ['no body fields', {}, ['body:scope', 'body:limitUsd']],
    ['an unknown scope and period', { scope: 'team', limitUsd: 1, periodType: 'yearly' }, ['body:scope', 'body:periodType']],
    ['an agent scope without agentId', { scope: 'agent', limitUsd: 1 }, ['body:agentId']],
    ['an org scope with agentId', { scope: 'org', agentId: 'a1', limitUsd: 1 }, ['body:agentId']],
    ['a zero limit and an unknown fail mode', { scope: 'org', limitUsd: 0, failMode: 'maybe' }, ['body:limitUsd', 'body:failMode']],
    ['a negative limit with 13 decimals', { scope: 'org', limitUsd: '-0.0000000000001' }, ['body:limitUsd']],
    ['an empty agentId and an unknown field', { scope: 'agent', agentId: ' ', limitUsd: 1, limitusd: 2 }, ['body:agentId', 'body:limitusd']],
  ])('when created with %s, then 400 names every invalid field', async (_name, body, fields) => {
    const response = await api().post('/api/v1/guard/policies').set(context.org.auth).send(body);

    expect((await invalidParams(response)).sort()).toEqual([...fields].sort());
    expect(await policyRows(context.org.orgId)).toEqual([]);
  });

  test('when a patch is empty, changes a fixed field or has a bad limit, then 400 names the problem', async () => {
    const policy = await createPolicy(context.gateway.app, context.org, { scope: 'org', limitUsd: 1 });
    const patch = (body: object) => api().patch(`/api/v1/guard/policies/${policy.id}`).set(context.org.auth).send(body);

    expect(await invalidParams(await patch({}))).toEqual(['body:body']);
    expect(await invalidParams(await patch({ scope: 'agent', periodType: 'daily' }))).toEqual(['body:scope', 'body:periodType']);
    expect(await invalidParams(await patch({ limitUsd: 0, failMode: 'sometimes' }))).toEqual(['body:limitUsd', 'body:failMode']);
  });

  test('when the id in the path is not a UUID, then every route answers 400 naming it', async () => {
    const responses = await Promise.all([
      api().get('/api/v1/guard/policies/not-a-uuid').set(context.org.auth),
      api().patch('/api/v1/guard/policies/not-a-uuid').set(context.org.auth).send({ limitUsd: 1 }),
      api().delete('/api/v1/guard/policies/not-a-uuid').set(context.org.auth),
    ]);

    for (const response of responses) expect(await invalidParams(response)).toEqual(['path:id']);
  });

  test('when the policy does not exist, then get, patch and delete are 404 problems', async () => {
    const id = randomUUID();
    const responses = await Promise.all([
      api().get(`/api/v1/guard/policies/${id}`).set(context.org.auth),
      api().patch(`/api/v1/guard/policies/${id}`).set(context.org.auth).send({ limitUsd: 1 }),
      api().delete(`/api/v1/guard/policies/${id}`).set(context.org.auth),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(ProblemSchema.parse(response.body).type).toMatch(/not-found$/);
    }
  });

  test('when no API key is sent, then the guard routes are 401', async () => {
    await api().get('/api/v1/guard/policies').expect(401);
    await api().post('/api/v1/guard/check').send({ agentId: 'a1' }).expect(401);
    await api().post('/api/v1/guard/settle').send({ reservationId: randomUUID() }).expect(401);
  });
});
