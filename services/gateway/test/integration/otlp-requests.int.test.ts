import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { ChargebackReportSchema, problemTypeUri } from '@finops/contracts';
import { createOrg, useGatewayWithFreshOrg } from '../support/factories';
import { tracesOf } from '../support/db-state';
import { decodeProtobufResponse, freshIds, int, jsonExport, protobufExport, str, type JsonSpan } from '../support/otlp-bodies';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestGateway, testDatabaseUrl } from '../support/test-gateway';

const context = useGatewayWithFreshOrg();

const START = '1805281200000000000'; // 2027-03-17T11:00:00Z in nanoseconds, an hour before the test gateway's clock

function chatSpan(attributes: JsonSpan['attributes'], overrides: Partial<JsonSpan> = {}): JsonSpan {
  return { ...freshIds(), name: 'chat', kind: 3, startTimeUnixNano: START, endTimeUnixNano: START, attributes: [str('gen_ai.operation.name', 'chat'), ...attributes], ...overrides };
}

const postJson = (body: unknown) =>
  request(context.gateway.app).post('/v1/traces').set(context.org.auth).set('Content-Type', 'application/json').send(JSON.stringify(body));

const postProtobuf = (body: Buffer) =>
  request(context.gateway.app)
    .post('/v1/traces')
    .set(context.org.auth)
    .set('Content-Type', 'application/x-protobuf')
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .send(body);

async function spendUsd(): Promise<string> {
  const response = await request(context.gateway.app).get('/api/v1/cost/report?from=2027-03-17&to=2027-03-17').set(context.org.auth);
  return ChargebackReportSchema.parse(response.body).totalUsd;
}

describe('POST /v1/traces (OTLP/HTTP requests as sent on the wire)', () => {
  test('when everything is accepted, then the JSON answer is an empty ExportTraceServiceResponse', async () => {
    const response = await postJson(jsonExport([chatSpan([str('gen_ai.request.model', 'gpt-4o'), int('gen_ai.usage.input_tokens', 1000), int('gen_ai.usage.output_tokens', 100)])]));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({});
    // 1000 × $2.50 + 100 × $10 per 1M
    expect(await spendUsd()).toBe('0.0035');
  });

  test('when ints arrive as strings, JSON numbers and {low, high}, then each is read as the same count', async () => {
    const response = await postJson(
      jsonExport([
        chatSpan([str('gen_ai.request.model', 'gpt-4o'), { key: 'gen_ai.usage.input_tokens', value: { intValue: { low: 1000, high: 0 } } }, { key: 'gen_ai.usage.output_tokens', value: { intValue: 100 } }], {
          startTimeUnixNano: { low: 3_316_703_232, high: 420_324_783 },
        }),
        chatSpan([str('gen_ai.request.model', 'gpt-4o'), str('gen_ai.usage.input_tokens', '1000'), { key: 'gen_ai.usage.output_tokens', value: { doubleValue: 100 } }]),
      ]),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expect(await spendUsd()).toBe('0.007');
    const stored = await tracesOf(context.gateway.ownerPool, context.org.orgId);
    expect(stored.map((t) => t.occurred_at.toISOString())).toEqual(['2027-03-17T11:00:00.000Z', '2027-03-17T11:00:00.000Z']);
  });

  test('when some spans cannot be stored and some attributes not read, then partial_success counts the rejected spans and says why', async () => {
    const response = await postJson(
      jsonExport([
        chatSpan([int('gen_ai.usage.input_tokens', 10)]),
        chatSpan([str('gen_ai.request.model', 'gpt-4o'), int('gen_ai.usage.input_tokens', 1000), str('gen_ai.usage.output_tokens', 'lots')]),
        chatSpan([str('gen_ai.request.model', 'gpt-4o')], { traceId: 'not-hex' }),
        { ...freshIds(), name: 'tool', startTimeUnixNano: START, attributes: [str('gen_ai.operation.name', 'execute_tool'), { key: 'weird', value: { arrayValue: { values: [{ boolValue: true }] } } }] },
      ]),
    );

    expect(response.status).toBe(200);
    expect(response.body.partialSuccess.rejectedSpans).toBe('2');
    expect(response.body.partialSuccess.errorMessage).toBe(
      'rejected: 1 × inference span without gen_ai.response.model or gen_ai.request.model; 1 × span without a valid trace id and span id. ' +
        'warnings: 1 × attribute gen_ai.usage.output_tokens ignored: is not a non-negative integer',
    );
    expect(await spendUsd()).toBe('0.0025');
  });

  test('when only attributes are ignored, then partial_success is a warning with rejected_spans 0 (protobuf answer to a protobuf request)', async () => {
    const body = protobufExport(jsonExport([chatSpan([str('gen_ai.request.model', 'gpt-4o'), int('gen_ai.usage.input_tokens', -5)])]));
    const response = await postProtobuf(gzipSync(body)).set('Content-Encoding', 'gzip');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-protobuf');
    expect(decodeProtobufResponse(response.body as Buffer)).toEqual({
      partialSuccess: {
        rejectedSpans: '0',
        errorMessage: 'warnings: 1 × attribute gen_ai.usage.input_tokens ignored: is not a non-negative integer; 1 × inference span without token usage: stored with 0 tokens',
      },
    });
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
  });

  test('when the protobuf body does not decode, then 400 problem+json and nothing is stored', async () => {
    const response = await postProtobuf(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse((response.body as Buffer).toString()).type).toBe(problemTypeUri('validation'));
    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(0);
  });

  test('when the JSON body is not JSON or not an export, then 400', async () => {
    const garbage = await request(context.gateway.app).post('/v1/traces').set(context.org.auth).set('Content-Type', 'application/json').send('{"resourceSpans": [');
    const wrongShape = await postJson({ resourceSpans: 'many' });

    expect(garbage.status).toBe(400);
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.detail).toMatch(/resourceSpans/);
  });

  test('when the gzip body is not gzip, then 400', async () => {
    const response = await postProtobuf(Buffer.from('plainly not gzip')).set('Content-Encoding', 'gzip');

    expect(response.status).toBe(400);
  });

  test('when there is no API key, then 401 and nothing is read', async () => {
    const response = await request(context.gateway.app).post('/v1/traces').set('Content-Type', 'application/json').send('{}');

    expect(response.status).toBe(401);
  });

  test('when the content type is neither protobuf nor JSON, then 415', async () => {
    const response = await request(context.gateway.app).post('/v1/traces').set(context.org.auth).set('Content-Type', 'text/plain').send('hello');

    expect(response.status).toBe(415);
  });

  test('when another org sends the same trace and span ids, then each org stores its own trace', async () => {
    const span = chatSpan([str('gen_ai.request.model', 'gpt-4o'), int('gen_ai.usage.input_tokens', 1000)]);
    const other = await createOrg(context.gateway.app);

    await postJson(jsonExport([span])).expect(200);
    await request(context.gateway.app).post('/v1/traces').set(other.auth).set('Content-Type', 'application/json').send(JSON.stringify(jsonExport([span]))).expect(200);

    expect(await tracesOf(context.gateway.ownerPool, context.org.orgId)).toHaveLength(1);
    expect(await tracesOf(context.gateway.ownerPool, other.orgId)).toHaveLength(1);
  });
});

describe('POST /v1/traces under pressure', () => {
  test('when the database goes away, then 503 with Retry-After, and the retry once it is back stores the spans once', async () => {
    const { proxy, url } = await TcpProxy.start(testDatabaseUrl());
    const gateway = createTestGateway({}, { databaseUrl: url });
    try {
      const org = await createOrg(gateway.app);
      const send = (spans: JsonSpan[]) => request(gateway.app).post('/v1/traces').set(org.auth).set('Content-Type', 'application/json').send(JSON.stringify(jsonExport(spans)));
      const model = str('gen_ai.request.model', 'gpt-4o');
      await send([chatSpan([model, int('gen_ai.usage.input_tokens', 1000)])]).expect(200);

      const retried = [chatSpan([model, int('gen_ai.usage.input_tokens', 2000)])];
      // The budget evaluation the first export triggered finishes first: only the export meets the outage.
      await gateway.gateway.drain();
      await proxy.refuse();
      const down = await send(retried);
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('1');

      await proxy.restore();
      await send(retried).expect(200);
      await send(retried).expect(200);
      expect((await tracesOf(gateway.ownerPool, org.orgId)).map((t) => t.input_tokens).sort()).toEqual([1000, 2000]);
    } finally {
      await gateway.close();
      await proxy.stop();
    }
  });

  test('when the database goes away while the attribute mappings are read, then 503 with Retry-After (never a 500)', async () => {
    const { proxy, url } = await TcpProxy.start(testDatabaseUrl());
    // Read at every export, so the outage meets the mappings rather than a cached copy.
    const gateway = createTestGateway({ otlpMappingCacheTtlMs: 0 }, { databaseUrl: url });
    try {
      const org = await createOrg(gateway.app);
      const send = () =>
        request(gateway.app)
          .post('/v1/traces')
          .set(org.auth)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(jsonExport([chatSpan([str('gen_ai.request.model', 'gpt-4o')])])));
      await send().expect(200);
      await gateway.gateway.drain();

      await proxy.refuse();
      const down = await send();

      expect([down.status, down.headers['retry-after'], down.body.type]).toEqual([503, '1', problemTypeUri('serviceUnavailable')]);
    } finally {
      await proxy.restore();
      await gateway.close();
      await proxy.stop();
    }
  });

  test('when more spans are in flight than the limit, then 429 with Retry-After', async () => {
    const gateway = createTestGateway({ otlpMaxSpansInFlight: 1 });
    const lock = await gateway.ownerPool.connect();
    try {
      const org = await createOrg(gateway.app);
      const model = str('gen_ai.request.model', 'gpt-4o');
      const send = () =>
        request(gateway.app).post('/v1/traces').set(org.auth).set('Content-Type', 'application/json').send(JSON.stringify(jsonExport([chatSpan([model]), chatSpan([model])])));
      await send().expect(200);
      // Writes to the traces table wait on this lock: whichever export gets there first stays in flight, the two others are turned away.
      await lock.query('BEGIN; LOCK TABLE execution_traces IN EXCLUSIVE MODE');
      const answered: request.Response[] = [];
      const all = [send(), send(), send()].map((pending) => pending.then((answer) => answered.push(answer)));
      while (answered.length < 2) await new Promise((resolve) => setImmediate(resolve));

      expect(answered.map((answer) => [answer.status, answer.headers['retry-after']])).toEqual([
        [429, '1'],
        [429, '1'],
      ]);
      await lock.query('ROLLBACK');
      await Promise.all(all);
      expect(answered[2]!.status).toBe(200);
    } finally {
      lock.release();
      await gateway.close();
    }
  });
});
