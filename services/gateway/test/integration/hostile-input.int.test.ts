import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { docsExampleTrace, useGatewayWithFreshOrg } from '../support/factories';
import { tracesOf } from '../support/db-state';

const context = useGatewayWithFreshOrg();

const OCCURRED_AT = '2026-03-10T12:00:00Z';
const REPORT_RANGE = 'from=2026-03-01&to=2026-03-31';

/** Sends bytes exactly as given (superagent would re-serialise a Buffer). */
const postRaw = (path: string, bytes: Buffer, headers: Record<string, string> = {}) =>
  request(context.gateway.app)
    .post(path)
    .set(context.org.auth)
    .set({ 'Content-Type': 'application/json', ...headers })
    .serialize((raw: unknown) => raw as string)
    .send(bytes);

function expectProblem(response: request.Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('hostile input through the gateway', () => {
  test('when a trace arrives gzip-encoded (as OpenTelemetry exporters send it), then it is stored as if sent plain', async () => {
    const trace = docsExampleTrace({ team: 'otel', occurredAt: OCCURRED_AT });
    const response = await postRaw('/api/v1/traces/ingest', gzipSync(Buffer.from(JSON.stringify(trace))), { 'Content-Encoding': 'gzip' });

    expect(response.status).toBe(201);
    expect((await tracesOf(context.gateway.ownerPool, context.org.orgId)).map((row) => row.team)).toEqual(['otel']);
  });

  test('when tags hold unusual but valid text, then the chargeback CSV holds exactly the bytes the client sent', async () => {
    const team = 'équipe 😀 \uFFFD e\u0301 \u2028 日本';
    const body = Buffer.from(JSON.stringify(docsExampleTrace({ team, occurredAt: OCCURRED_AT })), 'utf8');
    expect((await postRaw('/api/v1/traces/ingest', body)).status).toBe(201);

    const csv = await request(context.gateway.app).get(`/api/v1/cost/report?groupBy=team&format=csv&${REPORT_RANGE}`).set(context.org.auth).buffer(true);

    expect(csv.status).toBe(200);
    expect(Buffer.from(csv.text, 'utf8').includes(Buffer.from(team, 'utf8'))).toBe(true);
  });

  test.each([
    ['an invalid byte', Buffer.from([0xff])],
    ['an overlong encoding', Buffer.from([0xc1, 0xbf])],
    ['an encoded surrogate', Buffer.from([0xed, 0xb0, 0x80])],
  ])('when a tag holds %s, then 400 names it and nothing is stored (no silent U+FFFD)', async (_what, bytes) => {
    const body = Buffer.concat([Buffer.from('{"agentId":"a","modelId":"gpt-4o","tokensUsed":5,"team":"t'), bytes, Buffer.from('"}')]);

    const response = await postRaw('/api/v1/traces/ingest', body);

    expectProblem(response, 400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'team', in: 'body' })]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toEqual([]);
  });

  test('when a batch item holds a lone surrogate, then 400 names the item and field and nothing is stored', async () => {
    const body = Buffer.from(`{"traces":[{"agentId":"a","modelId":"m","tokensUsed":1},{"agentId":"a","modelId":"m","tokensUsed":1,"project":"\\udfff"}]}`);

    const response = await postRaw('/api/v1/traces/ingest/batch', body);

    expectProblem(response, 400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'traces[1].project' })]);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toEqual([]);
  });

  test('when metadata nests 5,000 levels deep, then 400 names the nesting limit', async () => {
    const body = Buffer.from(`{"agentId":"a","modelId":"m","tokensUsed":1,"metadata":${'{"k":'.repeat(5000)}0${'}'.repeat(5000)}}`);

    const response = await postRaw('/api/v1/traces/ingest', body);

    expectProblem(response, 400);
    expect(response.body.invalid_params[0].reason).toMatch(/deeper than 64 levels \(the limit\)/);
  });

  test.each([
    ['invalid percent-encoded UTF-8', 'team=%FF', 'team'],
    ['an overlong percent-encoding', 'project=%C0%AF', 'project'],
    ['NUL', 'agentId=a%00b', 'agentId'],
  ])('when a report filter holds %s, then 400 names the query parameter', async (_what, query, name) => {
    const response = await request(context.gateway.app).get(`/api/v1/cost/report?${query}`).set(context.org.auth);

    expectProblem(response, 400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name, in: 'query' })]);
  });

  test('when a path parameter is not valid percent-encoding, or holds NUL, then 400 rather than a 500', async () => {
    expectProblem(await request(context.gateway.app).get('/api/v1/cost/budgets/%E0%A4%A').set(context.org.auth), 400);
    const price = { inputUsdPerMTok: 1, outputUsdPerMTok: 1 };
    const response = await request(context.gateway.app).put('/api/v1/cost/models/a%00b').set(context.org.auth).send(price);
    expectProblem(response, 400);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'modelId', in: 'path' })]);
  });
});
