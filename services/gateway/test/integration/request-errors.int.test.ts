import request from 'supertest';
import { limits, ProblemSchema } from '@finops/contracts';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';
import { tracesOf } from '../support/db-state';

let gateway: TestGateway;
let org: TestOrg;

beforeAll(() => {
  gateway = createTestGateway({ bodyLimitBytes: 64 * 1024 });
});
beforeEach(async () => {
  org = await createOrg(gateway.app);
});
afterAll(() => gateway.close());

const ingest = () => request(gateway.app).post('/api/v1/traces/ingest').set(org.auth);

async function expectRejected(response: request.Response, status: number, fields: string[]): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.status).toBe(status);
  expect(problem.request_id).toBe(response.headers['x-request-id']);
  if (fields.length > 0) expect(problem.invalid_params?.map((param) => param.name).sort()).toEqual([...fields].sort());
  expect(await tracesOf(gateway.ownerPool, org.orgId)).toHaveLength(0);
}

describe('bad trace input is refused with a problem naming the field, and nothing is stored', () => {
  test.each([
    ['a string where tokens go', { tokensUsed: '1840' }, ['tokensUsed']],
    ['negative tokens', { inputTokens: -1, outputTokens: 3, tokensUsed: undefined }, ['inputTokens']],
    ['fractional tokens', { tokensUsed: 1.5 }, ['tokensUsed']],
    ['an empty agentId', { agentId: '   ' }, ['agentId']],
    ['a missing modelId', { modelId: undefined }, ['modelId']],
    ['a tag over the length limit', { team: 'x'.repeat(limits.tagMaxLength + 1) }, ['team']],
    ['an empty tag', { costCenter: '' }, ['costCenter']],
    ['a tag with a NUL character', { project: 'a\u0000b' }, ['project']],
    ['a negative costUsd', { costUsd: -1 }, ['costUsd']],
    ['costUsd with too many decimals', { costUsd: '0.0000000000001' }, ['costUsd']],
    ['an unparseable occurredAt', { occurredAt: 'yesterday' }, ['occurredAt']],
    ['an unknown field (a typo of a tag)', { costcenter: 'finance' }, ['costcenter']],
    ['input over the size limit', { input: 'x'.repeat(limits.traceTextMaxLength + 1) }, ['input']],
    ['metadata that is not an object', { metadata: [1, 2] }, ['metadata']],
  ])('when the body has %s, then 400', async (_name, change, fields) => {
    await expectRejected(await ingest().send(docsExampleTrace(change as object)), 400, fields);
  });

  test('when several fields are wrong, then every one is listed, not only the first', async () => {
    await expectRejected(await ingest().send({ agentId: '', modelId: 7, tokensUsed: -2 }), 400, ['agentId', 'modelId', 'tokensUsed']);
  });

  test('when the body is not valid JSON, then 400 malformed-json', async () => {
    const response = await ingest().set('Content-Type', 'application/json').send('{"agentId": "a",');
    await expectRejected(response, 400, []);
    expect(response.body.type).toBe('https://ai-finops.dev/problems/malformed-json');
  });

  test('when the body is JSON but not an object, then 400', async () => {
    await expectRejected(await ingest().set('Content-Type', 'application/json').send('[1,2,3]'), 400, ['body']);
  });

  test('when the body is larger than the limit, then 413', async () => {
    const response = await ingest().send({ ...docsExampleTrace(), metadata: { blob: 'x'.repeat(70 * 1024) } });
    await expectRejected(response, 413, []);
    expect(response.body.type).toBe('https://ai-finops.dev/problems/payload-too-large');
  });

  test('when the body is sent as form data, then 415', async () => {
    await expectRejected(await ingest().type('form').send('agentId=a&modelId=b'), 415, []);
  });
});

describe('unknown routes', () => {
  test('when a route does not exist, then 404 problem+json', async () => {
    const response = await request(gateway.app).get('/api/v1/nope').set(org.auth);

    expect(response.status).toBe(404);
    expect(ProblemSchema.parse(response.body).type).toBe('https://ai-finops.dev/problems/not-found');
  });
});
