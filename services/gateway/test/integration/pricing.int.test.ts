import request from 'supertest';
import { ModelPriceListSchema, ModelPriceSchema } from '@finops/contracts';
import { loadCatalog } from '@finops/pricing';
import { docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';

const context = useGatewayWithFreshOrg();

describe('GET /api/v1/cost/models', () => {
  test('when listed, then every catalogue model and alias appears with its catalogue price in effect', async () => {
    const response = await request(context.gateway.app).get('/api/v1/cost/models').set(context.org.auth).expect(200);
    const list = ModelPriceListSchema.parse(response.body);
    const catalog = loadCatalog();

    expect(list.catalogVersion).toBe(catalog.version);
    for (const entry of catalog.models) {
      for (const id of [entry.modelId, ...entry.aliases]) {
        const listed = list.models.find((model) => model.modelId === id);
        expect(listed?.current).toMatchObject({ scope: 'catalog', inputUsdPerMTok: entry.inputUsdPerMTok, outputUsdPerMTok: entry.outputUsdPerMTok });
      }
    }
  });
});

describe('PUT /api/v1/cost/models/:modelId', () => {
  test('when an org sets a negotiated price, then it is listed as current and new traces use it', async () => {
    const put = await request(context.gateway.app)
      .put('/api/v1/cost/models/gpt-4o')
      .set(context.org.auth)
      .send({ inputUsdPerMTok: '2', outputUsdPerMTok: 8, cacheReadUsdPerMTok: 1, effectiveFrom: '2026-01-01' })
      .expect(200);
    const trace = await request(context.gateway.app)
      .post('/api/v1/traces/ingest')
      .set(context.org.auth)
      .send(docsExampleTrace({ modelId: 'gpt-4o', tokensUsed: undefined, inputTokens: 500_000, outputTokens: 250_000, cacheReadTokens: 100_000 }))
      .expect(201);
    const list = ModelPriceListSchema.parse((await request(context.gateway.app).get('/api/v1/cost/models').set(context.org.auth)).body);

    expect(ModelPriceSchema.parse(put.body)).toMatchObject({ scope: 'override', provider: 'OpenAI', effectiveFrom: '2026-01-01T00:00:00.000Z' });
    // 0.5M * $2 + 0.25M * $8 + 0.1M * $1 = $3.10
    expect(trace.body).toMatchObject({ costUsd: '3.1', pricingSource: 'override' });
    const gpt4o = list.models.find((model) => model.modelId === 'gpt-4o')!;
    expect(gpt4o.current?.scope).toBe('override');
    expect(gpt4o.history.map((price) => price.scope)).toEqual(['catalog', 'override']);
  });

  test('when the same model and date are set again, then the price is replaced, not duplicated', async () => {
    const set = (input: number) =>
      request(context.gateway.app).put('/api/v1/cost/models/my-model').set(context.org.auth).send({ inputUsdPerMTok: input, outputUsdPerMTok: 1, effectiveFrom: '2026-03-01' }).expect(200);
    await set(1);
    await set(2);

    const list = ModelPriceListSchema.parse((await request(context.gateway.app).get('/api/v1/cost/models').set(context.org.auth)).body);
    const mine = list.models.find((model) => model.modelId === 'my-model')!;
    expect(mine.history).toHaveLength(1);
    expect(mine.current?.inputUsdPerMTok).toBe('2');
    expect(mine.provider).toBe('unknown');
  });

  test('when an override for a model unknown to the catalogue exists, then its traces are priced instead of unpriced', async () => {
    await request(context.gateway.app).put('/api/v1/cost/models/in-house-llm').set(context.org.auth).send({ inputUsdPerMTok: 0.5, outputUsdPerMTok: 0.5, effectiveFrom: '2020-01-01' }).expect(200);
    const trace = await request(context.gateway.app).post('/api/v1/traces/ingest').set(context.org.auth).send(docsExampleTrace({ modelId: 'in-house-llm', tokensUsed: 2_000_000 }));

    expect(trace.body).toMatchObject({ costUsd: '1', pricingSource: 'override' });
  });

  test.each([
    ['a negative price', { inputUsdPerMTok: -1, outputUsdPerMTok: 1 }, ['inputUsdPerMTok']],
    ['a missing output price', { inputUsdPerMTok: 1 }, ['outputUsdPerMTok']],
    ['a malformed date', { inputUsdPerMTok: 1, outputUsdPerMTok: 1, effectiveFrom: '2026-13-01' }, ['effectiveFrom']],
    ['more decimals than a price is stored with', { inputUsdPerMTok: '0.0000000001', outputUsdPerMTok: 1 }, ['inputUsdPerMTok']],
    ['an unknown field', { inputUsdPerMTok: 1, outputUsdPerMTok: 1, currency: 'EUR' }, ['currency']],
  ])('when the body has %s, then 400 names the field', async (_name, body, fields) => {
    const response = await request(context.gateway.app).put('/api/v1/cost/models/gpt-4o').set(context.org.auth).send(body);

    expect(response.status).toBe(400);
    expect(response.body.invalid_params.map((param: { name: string }) => param.name)).toEqual(fields);
  });
});
