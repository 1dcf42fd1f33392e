import request from 'supertest';
import { ChargebackReportSchema, OtlpAttributeMappingsSchema, problemTypeUri, type OtlpAttributeMapping } from '@finops/contracts';
import { tracesOf } from '../support/db-state';
import { createOrg, useListeningGatewayWithFreshOrg } from '../support/factories';
import { exportWithOtelSdk, type AttributeMap, type SdkSpan } from '../support/otel-export';
import { freshIds, int, jsonExport, str } from '../support/otlp-bodies';

const context = useListeningGatewayWithFreshOrg();

// An hour before the test gateway's clock (TEST_EPOCH).
const AT_MS = Date.parse('2027-03-17T11:00:00.000Z');
const START_NANOS = '1805281200000000000';

const CHAT: SdkSpan = {
  name: 'chat gpt-4o',
  attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 100 },
  startMs: AT_MS,
  endMs: AT_MS + 500,
};

const putMappings = (mappings: unknown) => request(context.gateway.app).put('/api/v1/otlp/attribute-mappings').set(context.org.auth).send({ mappings });

const sdkExport = (resource: AttributeMap, spans: SdkSpan[] = [CHAT]) =>
  exportWithOtelSdk({ url: context.otlpUrl, apiKey: context.org.apiKey, protocol: 'http/protobuf', compression: 'gzip', resource, spans, exports: 1 });

async function chargeback(groupBy: string) {
  const response = await request(context.gateway.app).get(`/api/v1/cost/report?groupBy=${groupBy}&from=2027-03-17&to=2027-03-17`).set(context.org.auth).expect(200);
  return ChargebackReportSchema.parse(response.body);
}

async function storedMappings(): Promise<OtlpAttributeMapping[]> {
  const { rows } = await context.gateway.ownerPool.query<{ dimension: OtlpAttributeMapping['dimension']; attribute_key: string }>(
    'SELECT dimension, attribute_key FROM otlp_attribute_mappings WHERE org_id = $1 ORDER BY dimension',
    [context.org.orgId],
  );
  return rows.map((row) => ({ attribute: row.attribute_key, dimension: row.dimension }));
}

describe('OTLP attribute mappings', () => {
  test('when service.name is mapped to project, then spans carrying only service.name land in the chargeback report under that project', async () => {
    const mappings = [
      { attribute: 'service.name', dimension: 'project' },
      { attribute: 'deployment.environment', dimension: 'costCenter' },
    ];
    const put = await putMappings(mappings);
    expect(put.status).toBe(200);
    expect(OtlpAttributeMappingsSchema.parse(put.body)).toEqual({ mappings: [mappings[1], mappings[0]] });

    expect(await sdkExport({ 'service.name': 'checkout-agent', 'deployment.environment': 'production' })).toEqual([0]);

    const report = await chargeback('project,costCenter');
    // 1000 × $2.50 + 100 × $10 per 1M
    expect(report.rows).toEqual([expect.objectContaining({ project: 'checkout-agent', costCenter: 'production', spendUsd: '0.0035', traceCount: 1 })]);
    expect(report.unattributed.traceCount).toBe(0);
  });

  test('when a span also carries finops.project, then the documented attribute wins over the mapping', async () => {
    await putMappings([{ attribute: 'service.name', dimension: 'project' }]).expect(200);

    await sdkExport({ 'service.name': 'checkout-agent' }, [{ ...CHAT, attributes: { ...CHAT.attributes, 'finops.project': 'atlas' } }]);

    expect((await tracesOf(context.gateway.ownerPool, context.org.orgId)).map((trace) => trace.project)).toEqual(['atlas']);
  });

  test('when a custom span attribute is mapped to the agent and another to the team, then the traces carry them', async () => {
    await putMappings([
      { attribute: 'app.workflow', dimension: 'agentId' },
      { attribute: 'owner', dimension: 'team' },
    ]).expect(200);

    await sdkExport({ 'service.name': 'svc', owner: 'growth' }, [{ ...CHAT, attributes: { ...CHAT.attributes, 'app.workflow': 'refund-bot' } }]);

    expect((await tracesOf(context.gateway.ownerPool, context.org.orgId)).map((trace) => [trace.agent_id, trace.team])).toEqual([['refund-bot', 'growth']]);
  });

  test('when the mappings change after an export, then the next export of the same process uses the new ones (the cache is invalidated)', async () => {
    const send = (inputTokens: number) =>
      request(context.gateway.app)
        .post('/v1/traces')
        .set(context.org.auth)
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify(
            jsonExport(
              [{ ...freshIds(), name: 'chat', startTimeUnixNano: START_NANOS, attributes: [str('gen_ai.operation.name', 'chat'), str('gen_ai.request.model', 'gpt-4o'), int('gen_ai.usage.input_tokens', inputTokens)] }],
              [str('service.name', 'billing')],
            ),
          ),
        )
        .expect(200);
    await send(1);
    await putMappings([{ attribute: 'service.name', dimension: 'costCenter' }]).expect(200);
    await send(2);
    await putMappings([]).expect(200);
    await send(3);

    const stored = (await tracesOf(context.gateway.ownerPool, context.org.orgId)).sort((a, b) => a.input_tokens - b.input_tokens);
    expect(stored.map((trace) => [trace.input_tokens, trace.cost_center])).toEqual([
      [1, null],
      [2, 'billing'],
      [3, null],
    ]);
    expect(await storedMappings()).toEqual([]);
  });

  test('when the mappings are read, then GET answers what PUT stored, and another org sees none', async () => {
    const key = 'k'.repeat(255);
    await putMappings([{ attribute: key, dimension: 'team' }]).expect(200);
    const other = await createOrg(context.gateway.app);

    const mine = await request(context.gateway.app).get('/api/v1/otlp/attribute-mappings').set(context.org.auth).expect(200);
    const theirs = await request(context.gateway.app).get('/api/v1/otlp/attribute-mappings').set(other.auth).expect(200);

    expect(OtlpAttributeMappingsSchema.parse(mine.body)).toEqual({ mappings: [{ attribute: key, dimension: 'team' }] });
    expect(OtlpAttributeMappingsSchema.parse(theirs.body)).toEqual({ mappings: [] });
    expect(await storedMappings()).toEqual([{ attribute: key, dimension: 'team' }]);
  });

  test('when the body is invalid, then 400 names every invalid field and the stored mappings are unchanged', async () => {
    await putMappings([{ attribute: 'service.name', dimension: 'project' }]).expect(200);

    const invalid = await putMappings([
      { attribute: 'k'.repeat(256), dimension: 'team' },
      { attribute: ' padded', dimension: 'modelId' },
      { attribute: '', dimension: 'costCenter', extra: true },
    ]);
    const twice = await putMappings([
      { attribute: 'a', dimension: 'team' },
      { attribute: 'b', dimension: 'team' },
    ]);

    expect(invalid.status).toBe(400);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(invalid.body.type).toBe(problemTypeUri('validation'));
    expect(invalid.body.invalid_params.map((param: { name: string }) => param.name).sort()).toEqual([
      'mappings[0].attribute',
      'mappings[1].attribute',
      'mappings[1].dimension',
      'mappings[2].attribute',
      'mappings[2].extra',
    ]);
    expect(twice.status).toBe(400);
    expect(twice.body.invalid_params).toEqual([{ name: 'mappings', reason: 'must not map a dimension twice', in: 'body' }]);
    expect(await storedMappings()).toEqual([{ attribute: 'service.name', dimension: 'project' }]);
  });
});
