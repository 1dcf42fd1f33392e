import { randomUUID } from 'node:crypto';
import { BudgetListSchema, BudgetSchema, ProblemSchema, TraceIngestResultSchema } from '@finops/contracts';
import request from 'supertest';
import { SpendRepository } from '../../src/modules/spend/spend.repository';
import { budgetStatus, createBudget } from '../support/budgets';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;

beforeAll(() => {
  gateway = createTestGateway();
});
afterAll(() => gateway.close());

const docsBudget = { dimension: 'costCenter', value: 'finance', limitUsd: 500, periodType: 'monthly' };

async function capRows(orgId: string) {
  const { rows } = await gateway.ownerPool.query(
    `SELECT c.id, c.dimension, c.dimension_value, c.limit_usd::text AS limit_usd, c.period_type, c.timezone, s.alert_state
     FROM budget_caps c JOIN budget_alert_states s ON s.org_id = c.org_id AND s.budget_id = c.id WHERE c.org_id = $1 ORDER BY c.created_at`,
    [orgId],
  );
  return rows;
}

describe('budget caps: the docs’ example', () => {
  test('when the docs’ cap is created and the docs’ trace ingested, then the status shows the trace’s cost against the cap', async () => {
    const org = await createOrg(gateway.app);

    const created = await request(gateway.app).post('/api/v1/cost/budgets').set(org.auth).send(docsBudget).expect(201);
    const cap = BudgetSchema.parse(created.body);
    const ingested = await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace()).expect(201);
    const trace = TraceIngestResultSchema.parse(ingested.body);
    const [status] = await budgetStatus(gateway.app, org);

    expect(cap).toMatchObject({ dimension: 'costCenter', value: 'finance', limitUsd: '500', periodType: 'monthly', timezone: 'UTC', warnAt: [0.8], name: null });
    expect(created.headers.location).toBe(`/api/v1/cost/budgets/${cap.id}`);
    expect(status).toMatchObject({ budgetId: cap.id, spentUsd: trace.costUsd, limitUsd: '500', alertState: 'ok', warnThreshold: null, utilization: 0.000022 });
    expect(status!.remainingUsd).toBe('499.98896');
    const now = gateway.now();
    expect(status!.periodStart).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    expect(status!.periodEnd).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString());
    const period = { from: new Date(status!.periodStart), to: new Date(status!.periodEnd) };
    expect(status!.spentUsd).toBe(await new SpendRepository(gateway.pool).total(org.orgId, { ...period, filters: { costCenter: 'finance' } }));
    expect(await capRows(org.orgId)).toEqual([
      { id: cap.id, dimension: 'costCenter', dimension_value: 'finance', limit_usd: '500.000000000000', period_type: 'monthly', timezone: 'UTC', alert_state: 'ok' },
    ]);
  });
});

describe('budget caps: create, read, change, delete', () => {
  let org: TestOrg;
  beforeEach(async () => {
    org = await createOrg(gateway.app);
  });

  test('when every optional field is given, then the cap keeps them (thresholds sorted, money as a decimal string)', async () => {
    const cap = await createBudget(gateway.app, org, {
      dimension: 'team', value: 'ml', limitUsd: '1234.56', periodType: 'quarterly', timezone: 'Asia/Kolkata', name: 'ML quarterly', warnAt: [0.9, 0.5, 0.75],
    });

    expect(cap).toMatchObject({ dimension: 'team', value: 'ml', limitUsd: '1234.56', periodType: 'quarterly', timezone: 'Asia/Kolkata', name: 'ML quarterly', warnAt: [0.5, 0.75, 0.9] });
  });

  test('when periodType is left out, then the cap is monthly in UTC', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'project', value: 'p1', limitUsd: 10 });

    expect(cap).toMatchObject({ periodType: 'monthly', timezone: 'UTC', warnAt: [0.8] });
  });

  test('when the dimension is org, then the cap has no value and covers the whole spend', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 1000 });

    expect(cap.value).toBeNull();
    expect((await capRows(org.orgId))[0]).toMatchObject({ dimension: 'org', dimension_value: '' });
  });

  test('when a cap names a model in another case, then it is stored lower-case like the traces it must match', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'modelId', value: 'Claude-Sonnet-4-6', limitUsd: 10 });

    expect(cap.value).toBe('claude-sonnet-4-6');
  });

  test('when caps are listed and fetched, then each is returned as created', async () => {
    const a = await createBudget(gateway.app, org, docsBudget);
    const b = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 2000, periodType: 'daily' });

    const list = BudgetListSchema.parse((await request(gateway.app).get('/api/v1/cost/budgets').set(org.auth).expect(200)).body);
    const one = BudgetSchema.parse((await request(gateway.app).get(`/api/v1/cost/budgets/${b.id}`).set(org.auth).expect(200)).body);

    expect(list.budgets.map((cap) => cap.id)).toEqual([a.id, b.id]);
    expect(one).toEqual(b);
  });

  test('when a cap is changed, then the change is stored and the rest stays', async () => {
    const cap = await createBudget(gateway.app, org, docsBudget);

    const response = await request(gateway.app)
      .patch(`/api/v1/cost/budgets/${cap.id}`)
      .set(org.auth)
      .send({ limitUsd: '750.5', warnAt: [0.9], name: 'Finance', timezone: 'Europe/Berlin' })
      .expect(200);

    expect(BudgetSchema.parse(response.body)).toMatchObject({ ...cap, limitUsd: '750.5', warnAt: [0.9], name: 'Finance', timezone: 'Europe/Berlin', updatedAt: expect.any(String) });
    expect((await capRows(org.orgId))[0]).toMatchObject({ limit_usd: '750.500000000000', timezone: 'Europe/Berlin' });
    const cleared = await request(gateway.app).patch(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).send({ name: null }).expect(200);
    expect(cleared.body.name).toBeNull();
  });

  test('when a cap is deleted, then it is gone with its state, and deleting again is 404', async () => {
    const cap = await createBudget(gateway.app, org, docsBudget);

    await request(gateway.app).delete(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).expect(204);

    await request(gateway.app).get(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).expect(404);
    await request(gateway.app).delete(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).expect(404);
    expect(await capRows(org.orgId)).toEqual([]);
    const states = await gateway.ownerPool.query('SELECT count(*)::int AS n FROM budget_alert_states WHERE org_id = $1', [org.orgId]);
    expect(states.rows[0].n).toBe(0);
  });
});

describe('budget caps: duplicates (one cap per dimension, value and period type)', () => {
  test.each([
    ['the same body again', docsBudget, docsBudget],
    ['another time zone', docsBudget, { ...docsBudget, timezone: 'Europe/Berlin' }],
    ['another limit and name', docsBudget, { ...docsBudget, limitUsd: 900, name: 'again' }],
    ['a second org-wide cap', { dimension: 'org', limitUsd: 1 }, { dimension: 'org', limitUsd: 2 }],
    ['the same model in another case', { dimension: 'modelId', value: 'gpt-4o', limitUsd: 1 }, { dimension: 'modelId', value: 'GPT-4o', limitUsd: 1 }],
  ])('when %s is created for the same scope and period, then 409 names the existing cap', async (_case, first, second) => {
    const org = await createOrg(gateway.app);
    const existing = await createBudget(gateway.app, org, first);

    const response = await request(gateway.app).post('/api/v1/cost/budgets').set(org.auth).send(second).expect(409);

    expect(ProblemSchema.parse(response.body)).toMatchObject({ type: 'https://ai-finops.dev/problems/conflict', status: 409 });
    expect(response.body.detail).toContain(existing.id);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await capRows(org.orgId)).toHaveLength(1);
  });

  test('when the same scope gets another period type or value, then both caps exist', async () => {
    const org = await createOrg(gateway.app);

    await createBudget(gateway.app, org, docsBudget);
    await createBudget(gateway.app, org, { ...docsBudget, periodType: 'daily' });
    await createBudget(gateway.app, org, { ...docsBudget, value: 'ops' });
    await createBudget(gateway.app, org, { ...docsBudget, dimension: 'team' });

    expect(await capRows(org.orgId)).toHaveLength(4);
  });

  test('when another org has the same cap, then there is no conflict', async () => {
    await createBudget(gateway.app, await createOrg(gateway.app), docsBudget);

    await createBudget(gateway.app, await createOrg(gateway.app), docsBudget);
  });
});

describe('budget caps: invalid requests', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createOrg(gateway.app);
  });

  test.each([
    ['a limit of 0', { ...docsBudget, limitUsd: 0 }, ['limitUsd']],
    ['a limit of "0.00"', { ...docsBudget, limitUsd: '0.00' }, ['limitUsd']],
    ['a negative limit', { ...docsBudget, limitUsd: -5 }, ['limitUsd']],
    ['a limit that is not an amount', { ...docsBudget, limitUsd: 'lots' }, ['limitUsd']],
    ['no limit', { dimension: 'team', value: 'ml' }, ['limitUsd']],
    ['an unknown dimension', { ...docsBudget, dimension: 'department' }, ['dimension']],
    ['no value for a dimension that needs one', { dimension: 'costCenter', limitUsd: 5 }, ['value']],
    ['an empty value', { ...docsBudget, value: '  ' }, ['value']],
    ['a value for the org dimension', { dimension: 'org', value: 'everything', limitUsd: 5 }, ['value']],
    ['a tag value longer than tags may be', { ...docsBudget, value: 'x'.repeat(129) }, ['value']],
    ['an unknown period type', { ...docsBudget, periodType: 'yearly' }, ['periodType']],
    ['an unknown time zone', { ...docsBudget, timezone: 'Mars/Olympus_Mons' }, ['timezone']],
    ['an offset instead of a time zone', { ...docsBudget, timezone: '+05:30' }, ['timezone']],
    ['a warn threshold of 1 or more', { ...docsBudget, warnAt: [0.5, 1] }, ['warnAt[1]']],
    ['a warn threshold of 0', { ...docsBudget, warnAt: [0] }, ['warnAt[0]']],
    ['a repeated warn threshold', { ...docsBudget, warnAt: [0.5, 0.5] }, ['warnAt']],
    ['a warn threshold with 7 decimals', { ...docsBudget, warnAt: [0.1234567] }, ['warnAt[0]']],
    ['an unknown field (a typo)', { ...docsBudget, limitUSD: 5 }, ['limitUSD']],
    ['several mistakes at once', { dimension: 'costCenter', value: 'finance', limitUsd: 0, periodType: 'yearly', timezone: 'Nowhere' }, ['limitUsd', 'periodType', 'timezone']],
  ])('when the body has %s, then 400 names every invalid field and nothing is stored', async (_case, body, fields) => {
    const response = await request(gateway.app).post('/api/v1/cost/budgets').set(org.auth).send(body).expect(400);

    const problem = ProblemSchema.parse(response.body);
    expect(problem.type).toBe('https://ai-finops.dev/problems/validation-error');
    expect(problem.invalid_params!.map((param) => param.name).sort()).toEqual([...fields].sort());
    expect(await capRows(org.orgId)).toEqual([]);
  });

  test('when the body is not JSON, then 400 (malformed) or 415 (other media type)', async () => {
    await request(gateway.app).post('/api/v1/cost/budgets').set(org.auth).set('Content-Type', 'application/json').send('{"dimension":').expect(400);
    await request(gateway.app).post('/api/v1/cost/budgets').set(org.auth).set('Content-Type', 'text/plain').send('dimension=org').expect(415);
  });

  test.each([
    ['an empty change', {}, ['body']],
    ['a limit of 0', { limitUsd: 0 }, ['limitUsd']],
    ['a dimension (fixed once created)', { dimension: 'team' }, ['dimension']],
    ['a period type (fixed once created)', { periodType: 'daily' }, ['periodType']],
    ['an unknown time zone', { timezone: 'Europe/Atlantis' }, ['timezone']],
  ])('when a PATCH has %s, then 400 names the field and the cap is unchanged', async (_case, body, fields) => {
    const target = await createBudget(gateway.app, org, { ...docsBudget, value: `cc-${randomUUID()}` });

    const response = await request(gateway.app).patch(`/api/v1/cost/budgets/${target.id}`).set(org.auth).send(body).expect(400);

    expect(ProblemSchema.parse(response.body).invalid_params!.map((param) => param.name)).toEqual(fields);
    expect((await request(gateway.app).get(`/api/v1/cost/budgets/${target.id}`).set(org.auth).expect(200)).body).toEqual(target);
  });

  test('when the id in the path is not a UUID, then 400 names the path parameter', async () => {
    for (const method of ['get', 'patch', 'delete'] as const) {
      const response = await request(gateway.app)[method]('/api/v1/cost/budgets/not-a-uuid').set(org.auth).send({ limitUsd: 1 }).expect(400);
      expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    }
  });

  test('when no cap has the id, then GET, PATCH and DELETE answer 404', async () => {
    const id = randomUUID();

    for (const method of ['get', 'patch', 'delete'] as const) {
      const response = await request(gateway.app)[method](`/api/v1/cost/budgets/${id}`).set(org.auth).send({ limitUsd: 1 }).expect(404);
      expect(ProblemSchema.parse(response.body).type).toBe('https://ai-finops.dev/problems/not-found');
    }
  });

  test.each([
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit over 500', { limit: '501' }, 'limit'],
    ['a budgetId that is not a UUID', { budgetId: 'x' }, 'budgetId'],
    ['a cursor that was never issued', { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    ['an unknown parameter', { since: '2026-01-01' }, 'since'],
  ])('when the events query has %s, then 400 names it', async (_case, query, field) => {
    const response = await request(gateway.app).get('/api/v1/cost/budgets/events').query(query).set(org.auth).expect(400);

    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: field, in: 'query' })]);
  });

  test('when no API key is sent, then every budget route answers 401', async () => {
    await request(gateway.app).get('/api/v1/cost/budgets').expect(401);
    await request(gateway.app).get('/api/v1/cost/budgets/status').expect(401);
    await request(gateway.app).post('/api/v1/cost/budgets').send(docsBudget).expect(401);
  });
});

describe('budget and webhook API documentation', () => {
  test('when the OpenAPI document is fetched, then every budget and webhook path and the webhook payload are described', async () => {
    const response = await request(gateway.app).get('/api/v1/openapi.json').expect(200);

    expect(response.body.paths).toMatchObject({
      '/api/v1/cost/budgets': { post: expect.any(Object), get: expect.any(Object) },
      '/api/v1/cost/budgets/status': { get: expect.any(Object) },
      '/api/v1/cost/budgets/events': { get: expect.any(Object) },
      '/api/v1/cost/budgets/{id}': { get: expect.any(Object), patch: expect.any(Object), delete: expect.any(Object) },
      '/api/v1/webhooks': { post: expect.any(Object), get: expect.any(Object) },
      '/api/v1/webhooks/{id}': { delete: expect.any(Object) },
    });
    expect(response.body.webhooks.budgetAlert.post).toBeDefined();
    expect(response.body.components.schemas.BudgetStatus.properties.alertState.enum).toEqual(['ok', 'warning', 'exceeded', 'projected_to_exceed']);
    expect(response.body.components.schemas.WebhookPayload).toBeDefined();
  });
});
