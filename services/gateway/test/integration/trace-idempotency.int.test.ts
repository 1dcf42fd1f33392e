import request from 'supertest';
import { createOrg, docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';
import { rollupTotals, tracesOf } from '../support/db-state';

const context = useGatewayWithFreshOrg();

const ingest = (body: object, key?: string) => {
  const call = request(context.gateway.app).post('/api/v1/traces/ingest').set(context.org.auth);
  return (key ? call.set('Idempotency-Key', key) : call).send(body);
};

describe('idempotent trace ingest', () => {
  test('when the same key and body arrive twice, then the original result is returned and one trace is stored', async () => {
    const body = docsExampleTrace();
    const first = await ingest(body, 'run-42-step-1');
    const second = await ingest(body, 'run-42-step-1');

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
    expect((await rollupTotals(context.gateway.ownerPool, context.org.orgId)).traces).toBe('1');
  });

  test('when the key travels in the body instead of the header, then it works the same', async () => {
    const body = docsExampleTrace({ idempotencyKey: 'body-key' });
    const first = await ingest(body);
    const second = await ingest({ ...body });

    expect(second.body.id).toBe(first.body.id);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
  });

  test('when the same body is sent with its keys in another order, then it is still the same request', async () => {
    const body = docsExampleTrace();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await ingest(body, 'k-order');
    const second = await ingest(reordered, 'k-order');

    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
  });

  test('when the same key comes with a different body, then 409 and nothing new is stored', async () => {
    await ingest(docsExampleTrace({ agentId: 'agt_a' }), 'k-conflict').expect(201);
    const response = await ingest(docsExampleTrace({ agentId: 'agt_b' }), 'k-conflict');

    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.type).toBe('https://ai-finops.dev/problems/idempotency-key-reused');
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
  });

  test('when twenty identical requests arrive at the same moment, then exactly one trace is stored and all get its id', async () => {
    const body = docsExampleTrace();
    const responses = await Promise.all(Array.from({ length: 20 }, () => ingest(body, 'k-concurrent')));

    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
    expect((await rollupTotals(context.gateway.ownerPool, context.org.orgId)).traces).toBe('1');
  });

  test('when concurrent requests share a key but differ in body, then one is stored and the others get 409', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => ingest(docsExampleTrace({ agentId: `agt_${i}` }), 'k-race')));

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
  });

  test('when two orgs use the same key, then both are stored: keys are unique per org', async () => {
    const other = await createOrg(context.gateway.app);
    await ingest(docsExampleTrace(), 'shared-key').expect(201);
    await request(context.gateway.app).post('/api/v1/traces/ingest').set(other.auth).set('Idempotency-Key', 'shared-key').send(docsExampleTrace()).expect(201);

    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
    expect(await tracesOf(context.gateway.ownerPool, other.orgId)).toHaveLength(1);
  });

  test('when header and body carry different keys, then 400 names the header', async () => {
    const response = await ingest(docsExampleTrace({ idempotencyKey: 'a' }), 'b');

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]);
  });
});
