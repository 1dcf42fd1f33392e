import request from 'supertest';
import { TraceIngestResultSchema } from '@finops/contracts';
import { docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';
import { rollupTotals, traceSpend, tracesOf } from '../support/db-state';

const context = useGatewayWithFreshOrg();

const ingest = (body: unknown) => request(context.gateway.app).post('/api/v1/traces/ingest').set(context.org.auth).send(body as object);

describe('POST /api/v1/traces/ingest', () => {
  test('when the product docs’ example body is sent, then it is stored with its tags and priced at the blended rate', async () => {
    const body = docsExampleTrace();
    const response = await ingest(body);

    expect(response.status).toBe(201);
    const result = TraceIngestResultSchema.parse(response.body);
    // claude-sonnet-4-6 lists $3 in / $15 out per 1M tokens; tokensUsed alone is priced at (3*3 + 1*15) / 4 = $6 per 1M.
    expect(result.costUsd).toBe('0.01104');
    expect(result.pricingSource).toBe('catalog');
    expect(result.totalTokens).toBe(1840);

    const [stored] = await tracesOf(context.gateway.ownerPool, context.org.orgId);
    expect(stored).toMatchObject({
      id: result.id,
      agent_id: body.agentId,
      model_id: 'claude-sonnet-4-6',
      cost_center: 'finance',
      project: 'q2-reporting',
      team: 'data-analytics',
      unsplit_tokens: 1840,
      total_tokens: 1840,
      pricing_source: 'catalog',
      input: 'Summarise Q2 revenue figures',
    });
    expect(Number(stored!.cost_usd)).toBe(0.01104);
  });

  test('when a trace carries no tags, then its tag columns are null and its spend still counts in the rollup', async () => {
    const response = await ingest(docsExampleTrace({ costCenter: undefined, project: null, team: undefined }));

    expect(response.status).toBe(201);
    const [stored] = await tracesOf(context.gateway.ownerPool, context.org.orgId);
    expect(stored).toMatchObject({ cost_center: null, project: null, team: null });
    expect(await rollupTotals(context.gateway.ownerPool, context.org.orgId)).toMatchObject({ traces: '1' });
    expect(Number((await rollupTotals(context.gateway.ownerPool, context.org.orgId)).spend)).toBe(0.01104);
  });

  test('when input, output and cache tokens are split, then each meter is priced at its own rate and none twice', async () => {
    const response = await ingest(
      docsExampleTrace({ tokensUsed: undefined, inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheWriteTokens: 400 }),
    );

    // 1000*3 + 500*15 + 2000*0.30 + 400*3.75 = 12,600 USD per 1M tokens -> $0.0126
    expect(response.status).toBe(201);
    expect(response.body.costUsd).toBe('0.0126');
    expect(response.body.totalTokens).toBe(3900);
  });

  test('when tokensUsed accompanies a split, then it must equal the sum of the split', async () => {
    const response = await ingest(docsExampleTrace({ tokensUsed: 10, inputTokens: 4, outputTokens: 5 }));

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'tokensUsed', in: 'body' })]);
  });

  test('when the client sends costUsd, then it overrides catalogue pricing exactly', async () => {
    const response = await ingest(docsExampleTrace({ costUsd: '0.123456789012' }));

    expect(response.body).toMatchObject({ costUsd: '0.123456789012', pricingSource: 'provided', pricingVersion: null });
    expect((await tracesOf(context.gateway.ownerPool, context.org.orgId))[0]!.cost_usd).toBe('0.123456789012');
  });

  test('when costUsd is a JSON number, then it is read through its shortest decimal form', async () => {
    const response = await ingest(docsExampleTrace({ costUsd: 0.1 as unknown as string }));

    expect(response.body.costUsd).toBe('0.1');
  });

  test('when the model is unknown, then the trace is stored unpriced at cost 0, never rejected', async () => {
    const response = await ingest(docsExampleTrace({ modelId: 'in-house-llm-v7' }));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ costUsd: '0', pricingSource: 'unpriced' });
    expect(await rollupTotals(context.gateway.ownerPool, context.org.orgId)).toMatchObject({ traces: '1', unpriced: '1' });
  });

  test('when the model id differs only in case and spaces, then it is priced and stored as the catalogue id', async () => {
    const response = await ingest(docsExampleTrace({ modelId: '  Claude-Sonnet-4-6 ' }));

    expect(response.body.pricingSource).toBe('catalog');
    expect((await tracesOf(context.gateway.ownerPool, context.org.orgId))[0]!.model_id).toBe('claude-sonnet-4-6');
  });

  test('when occurredAt backdates a trace, then the price in effect on that date applies', async () => {
    await request(context.gateway.app)
      .put('/api/v1/cost/models/claude-sonnet-4-6')
      .set(context.org.auth)
      .send({ inputUsdPerMTok: 2, outputUsdPerMTok: 10, effectiveFrom: '2026-06-01' })
      .expect(200);
    const split = { tokensUsed: undefined, inputTokens: 1_000_000, outputTokens: 1_000_000 };

    const before = await ingest(docsExampleTrace({ ...split, occurredAt: '2026-05-31T23:59:59Z' }));
    const after = await ingest(docsExampleTrace({ ...split, occurredAt: '2026-06-01T00:00:00Z' }));

    expect(before.body).toMatchObject({ costUsd: '18', pricingSource: 'catalog' });
    expect(after.body).toMatchObject({ costUsd: '12', pricingSource: 'override', pricingVersion: 'override:claude-sonnet-4-6@2026-06-01T00:00:00.000Z' });
  });

  test('when occurredAt lies more than five minutes ahead, then the trace is refused and nothing is stored', async () => {
    const response = await ingest(docsExampleTrace({ occurredAt: new Date(context.gateway.now().getTime() + 10 * 60_000).toISOString() }));

    expect(response.status).toBe(400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'occurredAt' })]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(0);
  });

  test('when metadata is sent, then it is stored as JSON', async () => {
    await ingest(docsExampleTrace({ metadata: { runId: 'r-1', step: 3, nested: { ok: true } } })).expect(201);

    expect((await tracesOf(context.gateway.ownerPool, context.org.orgId))[0]!.metadata).toEqual({ runId: 'r-1', step: 3, nested: { ok: true } });
  });

  test('when many traces arrive at once, then every acknowledged trace is stored once and the rollup matches the traces', async () => {
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => ingest(docsExampleTrace({ costCenter: `cc-${i % 4}`, tokensUsed: 1000 + i }))),
    );

    expect(responses.every((response) => response.status === 201)).toBe(true);
    const stored = await tracesOf(context.gateway.ownerPool, context.org.orgId);
    expect(new Set(stored.map((trace) => trace.id))).toEqual(new Set(responses.map((response) => response.body.id)));
    const traces = await traceSpend(context.gateway.ownerPool, context.org.orgId);
    const rollup = await rollupTotals(context.gateway.ownerPool, context.org.orgId);
    expect(rollup.traces).toBe('60');
    expect(rollup.spend).toBe(traces.spend);
  });
});
