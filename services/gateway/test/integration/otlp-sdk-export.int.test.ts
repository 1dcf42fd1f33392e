import request from 'supertest';
import { ChargebackReportSchema } from '@finops/contracts';
import { useListeningGatewayWithFreshOrg } from '../support/factories';
import { tracesOf } from '../support/db-state';
import { exportWithOtelSdk, type ExporterProtocol, type SdkSpan } from '../support/otel-export';

const context = useListeningGatewayWithFreshOrg();

// An hour before the test gateway's clock (TEST_EPOCH): spans carry their own times, never the wall clock's.
const AT_MS = Date.parse('2027-03-17T11:00:00.000Z');
const at = (offsetMs: number) => AT_MS + offsetMs;

async function report() {
  const response = await request(context.gateway.app).get('/api/v1/cost/report?groupBy=costCenter&from=2027-03-17&to=2027-03-17').set(context.org.auth);
  expect(response.status).toBe(200);
  return ChargebackReportSchema.parse(response.body);
}

/**
 * An agent run as instrumentations emit it: an invoke_agent span (with an aggregated usage total that must not
 * count) over a Claude chat span in the current conventions and a GPT-4o span in OpenLLMetry's older attributes.
 */
const AGENT_RUN: SdkSpan[] = [
  { name: 'invoke_agent planner', attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'planner', 'gen_ai.usage.input_tokens': 4200 }, startMs: at(0), endMs: at(1600) },
  {
    name: 'chat claude-sonnet-4-6',
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4-6',
      'gen_ai.usage.input_tokens': 3000,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.cache_creation.input_tokens': 400,
      'gen_ai.usage.output_tokens': 500,
      'gen_ai.usage.reasoning.output_tokens': 200,
      'finops.project': 'atlas',
    },
    startMs: at(10),
    endMs: at(900),
    parent: 0,
  },
  {
    name: 'openai.chat',
    attributes: {
      'llm.request.type': 'chat',
      'gen_ai.system': 'OpenAI',
      'gen_ai.request.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.model': 'gpt-4o',
      'gen_ai.usage.prompt_tokens': 1200,
      'gen_ai.usage.completion_tokens': 300,
      'llm.usage.total_tokens': 1500,
    },
    startMs: at(1000),
    endMs: at(1500),
    parent: 0,
  },
];

// Claude: (3000 - 1000 - 400) × $3 + 500 × $15 + 1000 × $0.30 + 400 × $3.75 = $14,100 per 1M = $0.0141
// (reasoning is inside the 500 output tokens). GPT-4o: 1200 × $2.50 + 300 × $10 = $6,000 per 1M = $0.006.
const EXPECTED_TOTAL_USD = '0.0201';

describe.each<[ExporterProtocol, 'gzip' | 'none']>([
  ['http/protobuf', 'gzip'],
  ['http/protobuf', 'none'],
  ['http/json', 'gzip'],
  ['http/json', 'none'],
])('POST /v1/traces from the OpenTelemetry JS SDK (%s, compression %s)', (protocol, compression) => {
  const sdkExport = (exports: number) =>
    exportWithOtelSdk({
      url: context.otlpUrl,
      apiKey: context.org.apiKey,
      protocol,
      compression,
      resource: { 'service.name': 'research-agent', 'finops.cost_center': 'research', 'finops.team': 'platform' },
      spans: AGENT_RUN,
      exports,
    });

  test('when an agent run is exported, then each inference span is one trace priced once and the agent span is not counted', async () => {
    expect(await sdkExport(1)).toEqual([0]);

    const chargeback = await report();
    expect(chargeback.totalUsd).toBe(EXPECTED_TOTAL_USD);
    expect(chargeback.traceCount).toBe(2);
    expect(chargeback.rows).toEqual([expect.objectContaining({ costCenter: 'research', spendUsd: EXPECTED_TOTAL_USD, traceCount: 2 })]);
    const stored = await tracesOf(context.gateway.ownerPool, context.org.orgId);
    expect(stored.map((t) => [t.agent_id, t.model_id, t.cost_usd, t.input_tokens, t.cache_read_tokens, t.cache_write_tokens, t.output_tokens])).toEqual([
      ['planner', 'claude-sonnet-4-6', '0.014100000000', 1600, 1000, 400, 500],
      ['planner', 'gpt-4o', '0.006000000000', 1200, 0, 0, 300],
    ]);
    expect(stored.map((t) => [t.team, t.project, t.occurred_at.toISOString()])).toEqual([
      ['platform', 'atlas', '2027-03-17T11:00:00.010Z'],
      ['platform', null, '2027-03-17T11:00:01.000Z'],
    ]);
  });

  test('when the exporter sends the same spans again (retries), then nothing is counted twice', async () => {
    expect(await sdkExport(3)).toEqual([0, 0, 0]);

    expect((await report()).totalUsd).toBe(EXPECTED_TOTAL_USD);
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(2);
  });
});
