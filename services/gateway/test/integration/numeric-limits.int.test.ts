import { largestDecimal, ProblemSchema, storedColumns, TraceIngestResultSchema } from '@finops/contracts';
import request from 'supertest';
import { docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';
import { tracesOf } from '../support/db-state';

const context = useGatewayWithFreshOrg();

const TOKENS_MAX = storedColumns.traceTokens.max;
const LARGEST_TRACE_COST = largestDecimal(storedColumns.traceCostUsd);

function invalidNames(response: request.Response): string[] {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return ProblemSchema.parse(response.body).invalid_params!.map((param) => param.name).sort();
}

const post = (path: string, body: object) => request(context.gateway.app).post(path).set(context.org.auth).send(body);

describe('numeric limits equal the columns', () => {
  test('when a trace has the largest cost and token counts its columns hold, then it is stored as sent', async () => {
    const response = await post('/api/v1/traces/ingest', docsExampleTrace({ costUsd: LARGEST_TRACE_COST, tokensUsed: TOKENS_MAX }));

    expect(response.status).toBe(201);
    expect(TraceIngestResultSchema.parse(response.body)).toMatchObject({ costUsd: LARGEST_TRACE_COST, totalTokens: TOKENS_MAX });
    const [stored] = await tracesOf(context.gateway.ownerPool, context.org.orgId);
    expect(stored).toMatchObject({ cost_usd: LARGEST_TRACE_COST, total_tokens: TOKENS_MAX });
  });

  test.each([
    ['more integer digits', `9${LARGEST_TRACE_COST}`],
    ['more decimals', `${LARGEST_TRACE_COST}9`],
    ['(as a JSON number) more integer digits', 1e12],
  ])('when costUsd has %s than its column holds, then single and batch ingest answer 400 naming it', async (_what, costUsd) => {
    expect(invalidNames(await post('/api/v1/traces/ingest', docsExampleTrace({ costUsd: costUsd as string })))).toEqual(['costUsd']);
    const batch = [docsExampleTrace(), docsExampleTrace({ costUsd: costUsd as string })];
    expect(invalidNames(await post('/api/v1/traces/ingest/batch', { traces: batch }))).toEqual(['traces[1].costUsd']);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toEqual([]);
  });

  test('when the token fields add up to more than the stored total holds, then 400 names each of them', async () => {
    const trace = docsExampleTrace({ tokensUsed: undefined, inputTokens: TOKENS_MAX, outputTokens: 1, cacheReadTokens: 0 });

    expect(invalidNames(await post('/api/v1/traces/ingest', trace))).toEqual(['cacheReadTokens', 'inputTokens', 'outputTokens']);
    expect(invalidNames(await post('/api/v1/traces/ingest/batch', { traces: [trace] }))).toEqual([
      'traces[0].cacheReadTokens',
      'traces[0].inputTokens',
      'traces[0].outputTokens',
    ]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toEqual([]);
  });

  test('when a price has more integer digits or decimals than numeric(18,9) holds, then 400 names each field', async () => {
    const largest = largestDecimal(storedColumns.usdPerMillionTokens);
    const response = await request(context.gateway.app)
      .put('/api/v1/cost/models/gpt-4o')
      .set(context.org.auth)
      .send({ inputUsdPerMTok: `9${largest}`, outputUsdPerMTok: '0.0000000001', cacheReadUsdPerMTok: largest });

    expect(invalidNames(response)).toEqual(['inputUsdPerMTok', 'outputUsdPerMTok']);
  });

  test('when caps and guard amounts exceed numeric(30,12), then budgets, policies, checks and settles answer 400 naming them', async () => {
    const tooLarge = `9${largestDecimal(storedColumns.capLimitUsd)}`;

    expect(invalidNames(await post('/api/v1/cost/budgets', { dimension: 'org', limitUsd: tooLarge }))).toEqual(['limitUsd']);
    expect(invalidNames(await post('/api/v1/guard/policies', { scope: 'org', limitUsd: tooLarge }))).toEqual(['limitUsd']);
    expect(invalidNames(await post('/api/v1/guard/check', { agentId: 'a', estimatedCostUsd: tooLarge }))).toEqual(['estimatedCostUsd']);
    const settle = { reservationId: '00000000-0000-4000-8000-000000000000', actualCostUsd: tooLarge };
    expect(invalidNames(await post('/api/v1/guard/settle', settle))).toEqual(['actualCostUsd']);
  });

  test('when the largest cap is created, then it is stored and read back exactly', async () => {
    const largest = largestDecimal(storedColumns.capLimitUsd);
    const response = await post('/api/v1/cost/budgets', { dimension: 'org', limitUsd: largest });

    expect(response.status).toBe(201);
    expect(response.body.limitUsd).toBe(largest);
  });
});
