import type { TraceIngest } from '@finops/contracts';
import { FinOpsClient, InvalidTraceError, type DroppedTraces } from '../../src';
import { expectedCostUsd, sumOf } from '../support/expected-cost';
import { createOrg, startGateway, type GatewayUnderTest } from '../support/gateway';
import { startRecordingProxy, type ProxyPlan, type RecordingProxy } from '../support/recording-proxy';
import { asUsd, tracesWithCost } from '../support/traces';

const AS_OF = '2027-03-17T12:00:00Z';
const BATCH_PATH = '/api/v1/traces/ingest/batch';

let gateway: GatewayUnderTest;
const proxies: RecordingProxy[] = [];
const clients: FinOpsClient[] = [];

beforeAll(async () => {
  gateway = await startGateway({ asOf: AS_OF });
}, 60_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.shutdown({ timeoutMs: 100 });
  for (const proxy of proxies.splice(0)) await proxy.close();
});

afterAll(() => gateway?.stop());

/** A fresh org's client whose requests pass through a recording proxy (with the given faults). */
async function clientThroughProxy(options: { plan?: (request: { path: string; index: number }) => ProxyPlan; batch?: ConstructorParameters<typeof FinOpsClient>[0]['batch'] } = {}) {
  const apiKey = await createOrg(gateway.url);
  const proxy = await startRecordingProxy(gateway.url, options.plan);
  proxies.push(proxy);
  const client = new FinOpsClient({ baseUrl: proxy.url, apiKey, runtime: { now: gateway.now }, batch: { flushIntervalMs: 60_000, ...options.batch } });
  clients.push(client);
  // Reports are read directly from the gateway, so the proxy records only what the batcher sent.
  const reader = new FinOpsClient({ baseUrl: gateway.url, apiKey });
  const batches = () => proxy.requests.filter((request) => request.path === BATCH_PATH);
  return { client, reader, proxy, batches };
}

const batchSizes = (bodies: { body: string }[]) => bodies.map((request) => (JSON.parse(request.body) as { traces: unknown[] }).traces.length);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('batched ingest against the real gateway', () => {
  test('when 2,500 traces are ingested, then they go in batches of at most 1,000 and the report shows their exact catalogue cost', async () => {
    const { client, reader, batches } = await clientThroughProxy();
    const { traces, totalUsd } = tracesWithCost(2_500);
    for (const trace of traces) expect(client.ingest(trace)).toBe(true);
    await client.flush();

    expect(batchSizes(batches())).toEqual([1_000, 1_000, 500]);
    expect(batches().map((request) => request.status)).toEqual([201, 201, 201]);
    const report = await reader.report({ groupBy: ['modelId'] });
    expect(report.traceCount).toBe(2_500);
    expect(report.totalUsd).toBe(asUsd(totalUsd));
    expect(client.stats()).toEqual({ queued: 0, sent: 2_500, dropped: 0 });
  });

  test('when the flush interval passes, then queued traces are sent without a flush()', async () => {
    const { client, reader, batches } = await clientThroughProxy({ batch: { flushIntervalMs: 100 } });
    const { traces, totalUsd } = tracesWithCost(3);
    traces.forEach((trace) => client.ingest(trace));
    expect(batches()).toHaveLength(0);

    await waitFor(() => batches().some((request) => request.status === 201), 5_000);
    expect(batchSizes(batches())).toEqual([3]);
    expect((await reader.report()).totalUsd).toBe(asUsd(totalUsd));
  });

  test('when the answer to a stored batch is lost, then the retry is answered from the idempotency keys and nothing counts twice', async () => {
    const { client, reader, batches } = await clientThroughProxy({ plan: ({ index }) => (index === 0 ? 'lose-answer' : 'forward'), batch: { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10 } } });
    const { traces, totalUsd } = tracesWithCost(40);
    traces.forEach((trace) => client.ingest(trace));
    await client.flush();

    expect(batches().map((request) => request.status)).toEqual([502, 201]);
    expect(batches()[1]!.body).toBe(batches()[0]!.body);
    const report = await reader.report();
    expect(report.traceCount).toBe(40);
    expect(report.totalUsd).toBe(asUsd(totalUsd));
  });

  test('when the queue holds maxQueuedTraces, then newer traces are refused and reported while the queued ones are stored', async () => {
    const dropped: DroppedTraces[] = [];
    const { client, reader } = await clientThroughProxy({ batch: { maxQueuedTraces: 5, onDropped: (event) => dropped.push(event) } });
    const { traces } = tracesWithCost(7);
    expect(traces.map((trace) => client.ingest(trace))).toEqual([true, true, true, true, true, false, false]);
    await client.flush();

    expect(dropped.map((event) => [event.reason, event.traces.length])).toEqual([['queue_full', 1], ['queue_full', 1]]);
    const report = await reader.report();
    expect(report.traceCount).toBe(5);
    expect(report.totalUsd).toBe(asUsd(sumOf(traces.slice(0, 5).map((trace) => expectedCostUsd(trace)))));
  });

  test('when the gateway refuses traces it names in a batch, then only those are dropped and the others are sent again and stored', async () => {
    const dropped: DroppedTraces[] = [];
    const { client, reader, batches } = await clientThroughProxy({ batch: { onDropped: (event) => dropped.push(event) } });
    const [first, ...rest] = tracesWithCost(6).traces as [TraceIngest, ...TraceIngest[]];
    client.ingest({ ...first, idempotencyKey: 'order-42' });
    await client.flush();
    // The same key with another body is a 409 naming it; a date past the gateway's 5-minute skew is a 400 naming it.
    const reused = { ...rest[0]!, idempotencyKey: 'order-42' };
    const tooFarAhead = { ...rest[1]!, occurredAt: new Date(gateway.now().getTime() + 3_600_000).toISOString() };
    const accepted = rest.slice(2);
    [accepted[0]!, reused, accepted[1]!, tooFarAhead, accepted[2]!].forEach((trace) => client.ingest(trace));
    await client.flush();

    expect(batches().map((request) => [request.status, batchSizes([request])[0]])).toEqual([[201, 1], [400, 5], [409, 4], [201, 3]]);
    // The gateway checks dates before keys: one named trace per refusal, in that order.
    expect(dropped.map((event) => [event.reason, event.traces.map((trace) => trace.inputTokens)])).toEqual([
      ['rejected', [tooFarAhead.inputTokens]],
      ['rejected', [reused.inputTokens]],
    ]);
    const report = await reader.report();
    expect(report.traceCount).toBe(4);
    expect(report.totalUsd).toBe(asUsd(sumOf([first, ...accepted].map((trace) => expectedCostUsd(trace)))));
  });

  test('when a trace is invalid, then ingest throws InvalidTraceError naming the field and nothing is sent', async () => {
    const { client, batches } = await clientThroughProxy();
    const { traces } = tracesWithCost(1);
    expect(() => client.ingest({ ...traces[0]!, inputTokens: -1 })).toThrow(InvalidTraceError);
    try {
      client.ingest({ ...traces[0]!, costCenter: '' });
    } catch (error) {
      expect((error as InvalidTraceError).invalidParams.map((param) => param.name)).toEqual(['costCenter']);
    }
    await client.flush();
    expect(batches()).toHaveLength(0);
    expect(client.stats()).toEqual({ queued: 0, sent: 0, dropped: 0 });
  });

  test('when shutdown() is awaited with traces queued, then they are all stored before it resolves and later ones are refused', async () => {
    const dropped: DroppedTraces[] = [];
    const { client, reader } = await clientThroughProxy({ batch: { onDropped: (event) => dropped.push(event) } });
    const { traces, totalUsd } = tracesWithCost(12);
    traces.forEach((trace) => client.ingest(trace));

    expect(await client.shutdown({ timeoutMs: 5_000 })).toEqual({ queued: 0, sent: 12, dropped: 0 });
    expect((await reader.report()).totalUsd).toBe(asUsd(totalUsd));
    expect(client.ingest(traces[0]!)).toBe(false);
    expect(dropped.map((event) => event.reason)).toEqual(['shutdown']);
  });

  test('when the gateway keeps failing at shutdown, then shutdown() gives up after its timeout and reports what was not sent', async () => {
    const dropped: DroppedTraces[] = [];
    const { client, reader, batches } = await clientThroughProxy({ plan: () => ({ status: 503 }), batch: { onDropped: (event) => dropped.push(event) } });
    tracesWithCost(3).traces.forEach((trace) => client.ingest(trace));

    const startedMs = performance.now();
    const stats = await client.shutdown({ timeoutMs: 300 });
    const elapsedMs = performance.now() - startedMs;

    expect(elapsedMs).toBeGreaterThanOrEqual(300);
    expect(elapsedMs).toBeLessThan(1_500);
    expect(stats).toEqual({ queued: 0, sent: 0, dropped: 3 });
    expect(dropped.map((event) => [event.reason, event.traces.length])).toEqual([['shutdown', 3]]);
    expect(batches().length).toBeGreaterThanOrEqual(1);
    const report = await reader.report();
    expect([report.traceCount, report.totalUsd]).toEqual([0, '0']);
  });
});

describe('batched ingest against a rate-limited gateway', () => {
  let limited: GatewayUnderTest;
  beforeAll(async () => {
    limited = await startGateway({ asOf: AS_OF, env: { RATE_LIMIT_INGEST: '1', RATE_LIMIT_WINDOW_SECONDS: '1' } });
  }, 60_000);
  afterAll(() => limited?.stop());

  test('when a batch meets 429 with Retry-After, then it is sent again no sooner than that, and stored once', async () => {
    const apiKey = await createOrg(limited.url);
    const proxy = await startRecordingProxy(limited.url);
    proxies.push(proxy);
    // random 0: without Retry-After the retry would go at once, so only honouring it can make the test pass.
    const client = new FinOpsClient({ baseUrl: proxy.url, apiKey, runtime: { now: limited.now, random: () => 0 }, batch: { flushIntervalMs: 60_000 } });
    clients.push(client);
    const first = tracesWithCost(4);
    const second = tracesWithCost(6);
    first.traces.forEach((trace) => client.ingest(trace));
    await client.flush();
    second.traces.forEach((trace) => client.ingest(trace));
    await client.flush();

    const [stored, limitedAnswer, retried, ...rest] = proxy.requests;
    expect([stored?.status, limitedAnswer?.status, retried?.status, rest.length]).toEqual([201, 429, 201, 0]);
    const retryAfterMs = Number(limitedAnswer!.retryAfter) * 1000;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retried!.arrivedAtMs - limitedAnswer!.arrivedAtMs).toBeGreaterThanOrEqual(retryAfterMs);
    const report = await new FinOpsClient({ baseUrl: limited.url, apiKey }).report();
    expect(report.traceCount).toBe(10);
    expect(report.totalUsd).toBe(asUsd(first.totalUsd.plus(second.totalUsd)));
  });
});
