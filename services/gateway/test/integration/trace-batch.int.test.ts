import request from 'supertest';
import { TraceBatchIngestResultSchema } from '@finops/contracts';
import { docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';
import { rollupTotals, traceSpend, tracesOf } from '../support/db-state';

const context = useGatewayWithFreshOrg();

const ingestBatch = (traces: object[], key?: string) => {
  const call = request(context.gateway.app).post('/api/v1/traces/ingest/batch').set(context.org.auth);
  return (key ? call.set('Idempotency-Key', key) : call).send({ traces });
};

describe('POST /api/v1/traces/ingest/batch', () => {
  test('when 1,000 valid traces are sent, then all are stored and the total is their exact sum', async () => {
    const traces = Array.from({ length: 1000 }, (_, i) => docsExampleTrace({ tokensUsed: 1000 + i, team: i % 3 === 0 ? null : 'ml' }));
    const response = await ingestBatch(traces);

    expect(response.status).toBe(201);
    const body = TraceBatchIngestResultSchema.parse(response.body);
    expect(body.count).toBe(1000);
    // sum over i of (1000 + i) tokens at $6 per 1M = 6 * (1000*1000 + 499500) / 1e6 = $8.997
    expect(body.totalCostUsd).toBe('8.997');
    const stored = await traceSpend(context.gateway.ownerPool, context.org.orgId);
    expect(stored.traces).toBe('1000');
    expect(Number(stored.spend)).toBe(8.997);
    expect((await rollupTotals(context.gateway.ownerPool, context.org.orgId)).spend).toBe(stored.spend);
  });

  test('when items are invalid, then the whole batch is refused naming every index and field, and nothing is stored', async () => {
    const traces = [docsExampleTrace(), docsExampleTrace({ tokensUsed: -5 }), docsExampleTrace(), { ...docsExampleTrace(), agentId: '' }];
    const response = await ingestBatch(traces);

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'traces[1].tokensUsed', in: 'body' }),
        expect.objectContaining({ name: 'traces[3].agentId', in: 'body' }),
      ]),
    );
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(0);
  });

  test('when one item is dated too far ahead, then nothing of the batch is stored', async () => {
    const response = await ingestBatch([docsExampleTrace(), docsExampleTrace({ occurredAt: new Date(context.gateway.now().getTime() + 3_600_000).toISOString() })]);

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'traces[1].occurredAt' })]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(0);
  });

  test('when more than 1,000 traces are sent, then 400 names the traces field', async () => {
    const response = await ingestBatch(Array.from({ length: 1001 }, () => docsExampleTrace()));

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'traces' })]);
  });

  test('when the batch is retried with the same Idempotency-Key, then nothing is stored twice', async () => {
    const traces = [docsExampleTrace(), docsExampleTrace()];
    const first = await ingestBatch(traces, 'batch-1');
    const second = await ingestBatch(traces, 'batch-1');

    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.traces.map((t: { id: string }) => t.id)).toEqual(first.body.traces.map((t: { id: string }) => t.id));
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(2);
  });

  test('when one item reuses a key with a different body, then 409 names it and the rest of the batch is not stored', async () => {
    await request(context.gateway.app).post('/api/v1/traces/ingest').set(context.org.auth).send(docsExampleTrace({ idempotencyKey: 'taken' })).expect(201);
    const response = await ingestBatch([docsExampleTrace(), docsExampleTrace({ idempotencyKey: 'taken', agentId: 'agt_other' })]);

    expect(response.status).toBe(409);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'traces[1].idempotencyKey' })]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
    expect((await rollupTotals(context.gateway.ownerPool, context.org.orgId)).traces).toBe('1');
  });
});
