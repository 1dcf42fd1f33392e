import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Decimal } from '@finops/pricing';
import { FOCUS_COLUMNS } from '../../src/modules/reports/focus-export';
import { createOrg, type TestOrg } from '../support/factories';
import { ingestTraces } from '../support/report-dataset';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let org: TestOrg;
const ORG_NAME = `FOCUS test org ${Date.now()}`;
const HOSTILE_PROJECT = '=HYPERLINK("http://evil.example","x")';

type FocusRecord = Record<(typeof FOCUS_COLUMNS)[number], string>;
let records: FocusRecord[];
let response: request.Response;

beforeAll(async () => {
  gateway = createTestGateway();
  org = await createOrg(gateway.app, ORG_NAME);
  // A negotiated gpt-4o price from September on: $2 / $8 per 1M tokens (the catalogue lists $2.50 / $10).
  await request(gateway.app).put('/api/v1/cost/models/gpt-4o').set(org.auth).send({ inputUsdPerMTok: 2, outputUsdPerMTok: 8, effectiveFrom: '2026-09-01' }).expect(200);
  const tags = { costCenter: 'finance', project: 'q3-close', team: 'data-analytics' };
  await ingestTraces(gateway.app, org, [
    { agentId: 'agt-fin', modelId: 'gpt-4o', inputTokens: 1_000_000, outputTokens: 100_000, ...tags, occurredAt: '2026-09-15T09:00:00Z' },
    { agentId: 'agt-fin', modelId: 'gpt-4o-mini', inputTokens: 1_000_000, outputTokens: 0, ...tags, occurredAt: '2026-09-15T10:00:00Z' },
    { agentId: 'agt-fin', modelId: 'gpt-4o-mini', inputTokens: 10, outputTokens: 0, costUsd: '0.42', ...tags, occurredAt: '2026-09-15T11:00:00Z' },
    { agentId: 'agt-x', modelId: 'in-house-llm', tokensUsed: 5000, occurredAt: '2026-09-16T00:00:00Z' },
    { agentId: 'agt-evil', modelId: 'gpt-4o-mini', inputTokens: 100, outputTokens: 100, costCenter: 'ops, "x"\n2', project: HOSTILE_PROJECT, occurredAt: '2026-09-30T23:00:00Z' },
    { agentId: 'agt-fin', modelId: 'gpt-4o', tokensUsed: 10, costUsd: '99', ...tags, occurredAt: '2026-10-01T00:00:00Z' },
  ]);
  response = await request(gateway.app).get('/api/v1/cost/report?format=focus&from=2026-09-01&to=2026-09-30').set(org.auth);
  records = parse(response.text, { columns: true, record_delimiter: '\r\n' });
});
afterAll(() => gateway.close());

const recordOf = (where: Partial<FocusRecord>) => {
  const found = records.filter((record) => Object.entries(where).every(([key, value]) => record[key as keyof FocusRecord] === value));
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('GET /api/v1/cost/report?format=focus', () => {
  test('when exported, then it is a CSV attachment whose header is the FOCUS columns, custom x_ columns last', () => {
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="focus-2026-09-01-2026-09-30.csv"');
    const header = response.text.split('\r\n')[0]!.split(',');
    expect(header).toEqual([...FOCUS_COLUMNS]);
    const firstCustom = header.findIndex((column) => column.startsWith('x_'));
    expect(header.slice(firstCustom).every((column) => column.startsWith('x_'))).toBe(true);
    expect(header).toEqual(expect.arrayContaining(['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ServiceName', 'ResourceId', 'Tags']));
  });

  test('when a day’s spend used a negotiated price, then billed, effective and contracted cost are what was charged and list cost is the catalogue’s', () => {
    const row = recordOf({ SkuId: 'gpt-4o', ChargePeriodStart: '2026-09-15T00:00:00Z' });

    // 1M input + 100k output: $2 + $0.80 negotiated; $2.50 + $1.00 at list.
    expect(row).toMatchObject({
      BilledCost: '2.8',
      EffectiveCost: '2.8',
      ContractedCost: '2.8',
      ListCost: '3.5',
      x_PricingSource: 'override',
      BillingCurrency: 'USD',
      ChargePeriodEnd: '2026-09-16T00:00:00Z',
      BillingPeriodStart: '2026-09-01T00:00:00Z',
      BillingPeriodEnd: '2026-10-01T00:00:00Z',
      ChargeCategory: 'Usage',
      ChargeClass: '',
      ChargeFrequency: 'Usage-Based',
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: 'OpenAI API',
      ProviderName: 'OpenAI',
      PublisherName: 'OpenAI',
      InvoiceIssuerName: 'OpenAI',
      ResourceId: 'agt-fin',
      ResourceType: 'AI Agent',
      ConsumedQuantity: '1100000',
      ConsumedUnit: 'Tokens',
      PricingQuantity: '1.1',
      PricingUnit: '1000000 Tokens',
      SubAccountId: 'q3-close',
      BillingAccountId: org.orgId,
      BillingAccountName: ORG_NAME,
      x_AttributionStatus: 'attributed',
      x_TraceCount: '1',
      x_InputTokens: '1000000',
      x_OutputTokens: '100000',
    });
    expect(JSON.parse(row.Tags)).toEqual({ costCenter: 'finance', project: 'q3-close', team: 'data-analytics' });
  });

  test('when spend was priced from the catalogue or reported by the client, then each is its own row with list = billed', () => {
    expect(recordOf({ SkuId: 'gpt-4o-mini', x_PricingSource: 'catalog', ResourceId: 'agt-fin' })).toMatchObject({ BilledCost: '0.15', ListCost: '0.15' });
    expect(recordOf({ SkuId: 'gpt-4o-mini', x_PricingSource: 'provided' })).toMatchObject({ BilledCost: '0.42', ListCost: '0.42', ContractedCost: '0.42' });
  });

  test('when spend is untagged and unpriced, then its row has empty tags, cost 0 and its tokens', () => {
    expect(recordOf({ ResourceId: 'agt-x' })).toMatchObject({
      Tags: '{}',
      x_AttributionStatus: 'unattributed',
      x_PricingSource: 'unpriced',
      BilledCost: '0',
      ListCost: '0',
      ConsumedQuantity: '5000',
      SubAccountId: '',
      ProviderName: 'Unknown',
    });
  });

  test('when tags are hostile, then Tags is valid JSON holding them exactly and other cells are inert', () => {
    const row = recordOf({ ResourceId: 'agt-evil' });

    expect(JSON.parse(row.Tags)).toEqual({ costCenter: 'ops, "x"\n2', project: HOSTILE_PROJECT });
    expect(row.SubAccountName).toBe(`'${HOSTILE_PROJECT}`);
    expect(row.ChargePeriodStart).toBe('2026-09-30T00:00:00Z');
  });

  test('when the FOCUS billed costs are added up, then they equal the chargeback total for the same range', async () => {
    const report = await request(gateway.app).get('/api/v1/cost/report?from=2026-09-01&to=2026-09-30').set(org.auth).expect(200);

    expect(records).toHaveLength(5);
    expect(records.reduce((total, record) => total.add(record.BilledCost), new Decimal(0)).toFixed()).toBe(report.body.totalUsd);
  });

  test('when filtered by a tag, then only matching rows are exported', async () => {
    const filtered = await request(gateway.app).get('/api/v1/cost/report?format=focus&from=2026-09-01&to=2026-09-30&untagged=costCenter').set(org.auth).expect(200);

    const rows: FocusRecord[] = parse(filtered.text, { columns: true, record_delimiter: '\r\n' });
    expect(rows.map((record) => record.ResourceId)).toEqual(['agt-x']);
  });
});
