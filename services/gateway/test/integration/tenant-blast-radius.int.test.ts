import { canonicalDecimal, largestDecimal, ProblemSchema, storedColumns } from '@finops/contracts';
import request from 'supertest';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { rollupTotals, traceSpend } from '../support/db-state';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

// A value the database refuses that no validation foresaw (a constraint added later, a limit nobody knew of): a
// trigger refuses traces of agents named poison-*, as PostgreSQL refuses a value its column cannot hold.
const POISON_TRIGGER = `
CREATE OR REPLACE FUNCTION test_refuse_poison_trace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'poisoned trace' USING ERRCODE = '22023';
END $$;
CREATE TRIGGER test_refuse_poison_trace BEFORE INSERT ON execution_traces
  FOR EACH ROW WHEN (NEW.agent_id LIKE 'poison-%') EXECUTE FUNCTION test_refuse_poison_trace();`;

const TOKENS_MAX = storedColumns.traceTokens.max;
const LARGEST_TRACE_COST = largestDecimal(storedColumns.traceCostUsd);

/** Raw JSON, so that escapes JSON.stringify would never write (lone surrogates) reach the gateway as a client sends them. */
const rawTrace = (fields: string) => `{"agentId":"b-agent","modelId":"gpt-4o","tokensUsed":10,${fields}}`;

// Each is a trace a client could send believing it valid; none may fail another org's request.
const hostileBodies: { name: string; body: object | string; status: number }[] = [
  { name: 'a cost with more integer digits than its column', body: docsExampleTrace({ costUsd: `9${LARGEST_TRACE_COST}` }), status: 400 },
  { name: 'a cost with more decimals than its column', body: docsExampleTrace({ costUsd: '0.0000000000001' }), status: 400 },
  { name: 'token fields adding up past int4', body: docsExampleTrace({ tokensUsed: undefined, inputTokens: TOKENS_MAX, outputTokens: TOKENS_MAX }), status: 400 },
  { name: 'NUL in an id', body: docsExampleTrace({ agentId: 'b\u0000agent' }), status: 400 },
  { name: 'NUL in metadata', body: rawTrace('"metadata":{"k":"\\u0000"}'), status: 400 },
  { name: 'a lone surrogate in a tag', body: rawTrace('"team":"\\ud800"'), status: 400 },
  { name: 'metadata nested 5,000 levels deep', body: rawTrace(`"metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`), status: 400 },
  { name: 'a value the database refuses', body: docsExampleTrace({ agentId: 'poison-1' }), status: 422 },
  { name: 'the largest cost and token count', body: docsExampleTrace({ costUsd: LARGEST_TRACE_COST, tokensUsed: TOKENS_MAX }), status: 201 },
];

describe('one org never fails another', () => {
  let gateway: TestGateway;
  let orgA: TestOrg;
  let orgB: TestOrg;

  beforeAll(async () => {
    gateway = createTestGateway();
    await gateway.ownerPool.query(POISON_TRIGGER);
    [orgA, orgB] = [await createOrg(gateway.app), await createOrg(gateway.app)];
  });
  afterAll(async () => {
    await gateway.ownerPool.query('DROP TRIGGER test_refuse_poison_trace ON execution_traces; DROP FUNCTION test_refuse_poison_trace()');
    await gateway.close();
  });

  test('when org B sends every kind of bad-looking trace while org A ingests, then every A request succeeds and A’s totals are exact', async () => {
    const tracesPerClient = 25;
    const clients = 24;
    // A's costs are i micro-dollars for i = 1..n, so the total is n(n+1)/2 micro-dollars.
    const n = tracesPerClient * clients;
    const aStatuses: number[] = [];
    const bAnswers: { name: string; status: number; contentType: string | undefined }[] = [];

    const orgATraffic = Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < tracesPerClient; i += 1) {
        const micros = client * tracesPerClient + i + 1;
        const response = await request(gateway.app)
          .post('/api/v1/traces/ingest')
          .set(orgA.auth)
          .send(docsExampleTrace({ agentId: `a-agent-${client}`, costUsd: (micros / 1e6).toFixed(6) }));
        aStatuses.push(response.status);
      }
    });
    const orgBTraffic = Array.from({ length: 8 }, async () => {
      for (let round = 0; round < 6; round += 1) {
        for (const { name, body } of hostileBodies) {
          const call = request(gateway.app).post('/api/v1/traces/ingest').set(orgB.auth).set('Content-Type', 'application/json');
          const response = await call.send(typeof body === 'string' ? body : JSON.stringify(body));
          bAnswers.push({ name, status: response.status, contentType: response.headers['content-type'] });
        }
      }
    });
    await Promise.all([...orgATraffic, ...orgBTraffic]);

    expect(aStatuses.filter((status) => status !== 201)).toEqual([]);
    expect(aStatuses).toHaveLength(n);
    const expectedMicros = (BigInt(n) * BigInt(n + 1)) / 2n;
    const expectedUsd = `${expectedMicros / 1_000_000n}.${String(expectedMicros % 1_000_000n).padStart(6, '0')}`.replace(/\.?0+$/, '');
    const stored = await traceSpend(gateway.ownerPool, orgA.orgId);
    expect({ spend: canonicalDecimal(stored.spend), traces: stored.traces }).toEqual({ spend: expectedUsd, traces: String(n) });
    expect(canonicalDecimal((await rollupTotals(gateway.ownerPool, orgA.orgId)).spend)).toBe(expectedUsd);
    const report = await request(gateway.app).get('/api/v1/cost/report?groupBy=agentId').set(orgA.auth);
    expect(report.body.totalUsd).toBe(expectedUsd);

    for (const { name, status } of hostileBodies) {
      const answers = bAnswers.filter((answer) => answer.name === name);
      expect({ name, statuses: [...new Set(answers.map((answer) => answer.status))] }).toEqual({ name, statuses: [status] });
      if (status >= 400) for (const answer of answers) expect(answer.contentType).toMatch(/^application\/problem\+json/);
    }
  }, 120_000);

  test('when a refused trace shares a batch request with valid ones, then the batch is refused whole with a problem, not a 500', async () => {
    const response = await request(gateway.app)
      .post('/api/v1/traces/ingest/batch')
      .set(orgB.auth)
      .send({ traces: [docsExampleTrace(), docsExampleTrace({ agentId: 'poison-2' })] });

    expect(response.status).toBe(422);
    expect(ProblemSchema.parse(response.body).type).toBe('https://ai-finops.dev/problems/unstorable-request');
  });

  test('when an org stores more of the largest traces in one hour and group than a rollup row held before, then all are counted', async () => {
    const org = await createOrg(gateway.app);
    const occurredAt = '2026-01-15T10:30:00Z';
    // 10^4 traces of just under 10^12 USD: over the 10^16 a numeric(28,12) rollup row held.
    for (let batch = 0; batch < 10; batch += 1) {
      const traces = Array.from({ length: 1000 }, () => docsExampleTrace({ agentId: 'big-spender', costUsd: LARGEST_TRACE_COST, occurredAt }));
      const response = await request(gateway.app).post('/api/v1/traces/ingest/batch').set(org.auth).send({ traces });
      expect(response.status).toBe(201);
    }

    const expected = (BigInt(LARGEST_TRACE_COST.replace('.', '')) * 10_000n).toString();
    const expectedUsd = `${expected.slice(0, -12)}.${expected.slice(-12)}`;
    expect(canonicalDecimal((await rollupTotals(gateway.ownerPool, org.orgId)).spend)).toBe(canonicalDecimal(expectedUsd));
  });
});
