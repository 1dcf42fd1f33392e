import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ChargebackReportSchema, type ChargebackReport } from '@finops/contracts';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { ingestTraces, SEPTEMBER_TRACES } from '../support/report-dataset';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let org: TestOrg;

const FIXTURES = join(__dirname, '..', 'fixtures');
const SEPTEMBER = 'from=2026-09-01&to=2026-09-30';

beforeAll(async () => {
  gateway = createTestGateway();
  org = await createOrg(gateway.app);
  await ingestTraces(gateway.app, org, SEPTEMBER_TRACES);
});
afterAll(() => gateway.close());

const getReport = (query: string, as: TestOrg = org) => request(gateway.app).get(`/api/v1/cost/report?${query}`).set(as.auth);

async function reportOf(query: string, as: TestOrg = org): Promise<ChargebackReport> {
  const response = await getReport(query, as);
  expect(response.status).toBe(200);
  return ChargebackReportSchema.parse(response.body);
}

/** Compares with a committed golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, actual: string): void {
  const path = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('GET /api/v1/cost/report (JSON and CSV)', () => {
  test('when September is reported by cost center, then the JSON equals the golden file', async () => {
    const response = await getReport(`groupBy=costCenter&${SEPTEMBER}`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    ChargebackReportSchema.parse(response.body);
    expectGolden('chargeback-costCenter-2026-09.json', `${JSON.stringify(response.body, null, 2)}\n`);
  });

  test('when September is exported as CSV, then the file equals the golden file and downloads with its name', async () => {
    const response = await getReport(`groupBy=costCenter&${SEPTEMBER}&format=csv`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="chargeback-costCenter-2026-09-01-2026-09-30.csv"');
    expectGolden('chargeback-costCenter-2026-09.csv', response.text);
  });

  test('when the client accepts text/csv without a format, then the CSV is sent; an explicit format wins over Accept', async () => {
    const csv = await getReport(SEPTEMBER).set('Accept', 'text/csv');
    const json = await getReport(`${SEPTEMBER}&format=json`).set('Accept', 'text/csv');

    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe((await getReport(`${SEPTEMBER}&format=csv`)).text);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  test('when the report is fetched, then it is never cached', async () => {
    const response = await getReport(SEPTEMBER);

    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  test('when grouped by cost center and project, then each pair is a row and spend missing either tag is unattributed', async () => {
    const report = await reportOf(`groupBy=costCenter,project&${SEPTEMBER}`);

    expect(report.groupBy).toEqual(['costCenter', 'project']);
    expect(report.rows.map((row) => [row.costCenter, row.project, row.spendUsd])).toEqual([
      ['marketing', 'campaign', '2.676'],
      ['finance', 'forecasting', '1.005'],
      ['finance', 'q3-close', '0.333783333333'],
      ['ops, "platform"', 'infra', '0.125'],
    ]);
    // The untagged-cost-center trace ($0.50) and the unpriced one ($0).
    expect(report.unattributed).toMatchObject({ label: 'unattributed', spendUsd: '0.5', traceCount: 2, unpricedTraceCount: 1, unpricedTokens: 5000 });
    expect(report.totalUsd).toBe('4.639783333333');
  });

  test('when grouped by team, agent and model, then every row names all three', async () => {
    const report = await reportOf(`groupBy=team,agentId,modelId&${SEPTEMBER}`);

    expect(report.rows).toContainEqual(expect.objectContaining({ team: 'data-analytics', agentId: 'agt-fin', modelId: 'gpt-4o-mini', traceCount: 2 }));
    expect(report.rows.every((row) => row.team && row.agentId && row.modelId)).toBe(true);
    expect(report.unattributed.traceCount).toBe(1);
  });

  test('when grouped by agent, then nothing is unattributed: every trace has an agent', async () => {
    const report = await reportOf(`groupBy=agentId&${SEPTEMBER}`);

    expect(report.unattributed).toMatchObject({ spendUsd: '0', traceCount: 0, shareOfTotal: '0.000000' });
    expect(report.coverage.attributedShare).toBe('1.000000');
  });

  test('when reported by day, then rows carry their day and every day of the range has a total, empty days included', async () => {
    const report = await reportOf(`granularity=day&${SEPTEMBER}`);

    expect(report.periods).toHaveLength(30);
    expect(report.periods![0]).toEqual({ period: { from: '2026-09-01', to: '2026-09-01' }, totalUsd: '0.00045' });
    expect(report.periods![2]).toEqual({ period: { from: '2026-09-03', to: '2026-09-03' }, totalUsd: '0' });
    expect(report.rows.filter((row) => row.costCenter === 'finance').map((row) => row.period)).toEqual([
      { from: '2026-09-01', to: '2026-09-01' },
      { from: '2026-09-02', to: '2026-09-02' },
      { from: '2026-09-07', to: '2026-09-07' },
    ]);
    expect(report.unattributed.byPeriod!.map((entry) => [entry.period.from, entry.spendUsd])).toEqual([
      ['2026-09-10', '0.5'],
      ['2026-09-20', '0'],
    ]);
  });

  test('when reported by week, then weeks run Monday to Sunday, cut to the range', async () => {
    const report = await reportOf(`granularity=week&${SEPTEMBER}`);

    expect(report.periods!.map((entry) => entry.period)).toEqual([
      { from: '2026-09-01', to: '2026-09-06' },
      { from: '2026-09-07', to: '2026-09-13' },
      { from: '2026-09-14', to: '2026-09-20' },
      { from: '2026-09-21', to: '2026-09-27' },
      { from: '2026-09-28', to: '2026-09-30' },
    ]);
    expect(report.periods!.map((entry) => entry.totalUsd)).toEqual(['0.333783333333', '1.505', '2.675', '0.125', '0.001']);
  });

  test('when reported by month across a month boundary, then each month is a period cut to the range', async () => {
    const report = await reportOf('granularity=month&from=2026-08-15&to=2026-10-01');

    expect(report.periods).toEqual([
      { period: { from: '2026-08-15', to: '2026-08-31' }, totalUsd: '50' },
      { period: { from: '2026-09-01', to: '2026-09-30' }, totalUsd: '4.639783333333' },
      { period: { from: '2026-10-01', to: '2026-10-01' }, totalUsd: '100' },
    ]);
    expect(report.rows.filter((row) => row.costCenter === 'finance').map((row) => [row.period!.from, row.spendUsd])).toEqual([
      ['2026-08-15', '50'],
      ['2026-09-01', '1.338783333333'],
      ['2026-10-01', '100'],
    ]);
  });

  test('when to is a date, then all of that day is included (to=2026-09-30 includes 23:59:59.999)', async () => {
    const report = await reportOf('from=2026-09-30&to=2026-09-30');

    expect(report.totalUsd).toBe('0.001');
  });

  test('when filtered by a tag, then only that spend is reported', async () => {
    const report = await reportOf(`groupBy=project&team=data-analytics&${SEPTEMBER}`);

    expect(report.filters).toEqual({ team: 'data-analytics' });
    expect(report.rows.map((row) => row.project)).toEqual(['forecasting', 'q3-close']);
    expect(report.totalUsd).toBe('1.338783333333');
  });

  test('when filtered by a model id in another case, then it matches the stored lower-case id', async () => {
    const report = await reportOf(`groupBy=agentId&modelId=IN-HOUSE-llm&${SEPTEMBER}`);

    expect(report.rows.map((row) => row.agentId)).toEqual(['agt-x']);
    expect(report.unpriced).toEqual({ traceCount: 1, tokens: 5000, byModel: [{ modelId: 'in-house-llm', traceCount: 1, tokens: 5000 }] });
  });

  test('when filtering for untagged spend, then only spend without that tag is reported', async () => {
    const report = await reportOf(`groupBy=team&untagged=costCenter&${SEPTEMBER}`);

    expect(report.filters).toEqual({ costCenter: null });
    expect(report.rows.map((row) => [row.team, row.spendUsd])).toEqual([['growth', '0.5']]);
    expect(report.unattributed).toMatchObject({ spendUsd: '0', traceCount: 1, unpricedTraceCount: 1 });
  });

  test('when some spend is untagged, then coverage states the attributed share and both amounts', async () => {
    const report = await reportOf(SEPTEMBER);

    // $0.50 of $4.639783333333 lacks a cost center: 0.1077636… of the spend. Shares are allocated by largest
    // remainder over all lines (see the golden file), so attributed + unattributed is exactly 1.
    expect(report.coverage).toEqual({ attributedUsd: '4.139783333333', unattributedUsd: '0.5', attributedShare: '0.892236' });
    expect(report.unattributed.shareOfTotal).toBe('0.107764');
  });

  test('when the range has no spend, then the report is empty and still adds up', async () => {
    const report = await reportOf('granularity=week&from=2025-01-01&to=2025-01-31');

    expect(report).toMatchObject({ totalUsd: '0', totalUsdRounded: '0.00', traceCount: 0, rows: [] });
    expect(report.unattributed).toMatchObject({ spendUsd: '0', shareOfTotal: null, byPeriod: [] });
    expect(report.coverage.attributedShare).toBeNull();
    expect(report.periods!.every((entry) => entry.totalUsd === '0')).toBe(true);
    const csv = await getReport('from=2025-01-01&to=2025-01-31&format=csv');
    expect(csv.text.split('\r\n')).toEqual([
      'line,costCenter,spendUsd,spendUsdExact,shareOfTotal,traceCount,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unsplitTokens,unpricedTraceCount,unpricedTokens',
      'unattributed,,0.00,0,,0,0,0,0,0,0,0,0',
      'total,,0.00,0,,0,0,0,0,0,0,0,0',
      '',
    ]);
  });

  test('when another org reports the same month, then it sees none of this org’s spend, and this org none of its', async () => {
    const other = await createOrg(gateway.app);
    await ingestTraces(gateway.app, other, [docsExampleTrace({ costCenter: 'finance', costUsd: '7', occurredAt: '2026-09-15T00:00:00Z' })]);

    expect((await reportOf(SEPTEMBER, other)).totalUsd).toBe('7');
    expect((await reportOf(SEPTEMBER)).totalUsd).toBe('4.639783333333');
  });

  test('when a trace was just acknowledged by ingest, then the default report (this month to now) includes it', async () => {
    const fresh = await createOrg(gateway.app);
    const before = gateway.now();
    const ingested = await request(gateway.app).post('/api/v1/traces/ingest').set(fresh.auth).send(docsExampleTrace({ costCenter: 'finance' })).expect(201);
    const report = await reportOf('', fresh);
    const after = gateway.now();

    const expectedPeriods = [before, after].map((now) => ({ from: `${now.toISOString().slice(0, 7)}-01`, to: now.toISOString().slice(0, 10) }));
    expect(expectedPeriods).toContainEqual(report.period);
    expect(report.rows).toEqual([expect.objectContaining({ costCenter: 'finance', spendUsd: ingested.body.costUsd, traceCount: 1 })]);
  });

  test('when the OpenAPI document is fetched, then it describes the report, its parameters and its JSON and CSV answers', async () => {
    const document = (await request(gateway.app).get('/api/v1/openapi.json').expect(200)).body;
    const operation = document.paths['/api/v1/cost/report'].get;

    expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(
      ['agentId', 'costCenter', 'format', 'from', 'granularity', 'groupBy', 'modelId', 'project', 'team', 'to', 'untagged'].sort(),
    );
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(document.components.schemas.ChargebackReport.properties)).toEqual(
      expect.arrayContaining(['period', 'groupBy', 'currency', 'totalUsd', 'rows', 'unattributed', 'unpriced', 'coverage']),
    );
  });

  test('when only to is given, then the report starts on the first of that month', async () => {
    const report = await reportOf('to=2026-09-15');

    expect(report.period).toEqual({ from: '2026-09-01', to: '2026-09-15' });
  });
});
