import {
  AnomalyDetectionRunSchema,
  AnomalyWebhookPayloadSchema,
  HOUR_MS,
  SpendAnomalyListSchema,
  SpendAnomalySchema,
  type SpendAnomaly,
  type TraceIngest,
} from '@finops/contracts';
import request from 'supertest';
import { TestClock } from '../support/clocks';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';
import { WebhookReceiver } from '../support/webhook-receiver';

// Dates before every other file's, so the delivery worker on this clock finds only this file's deliveries due.
const HISTORY_START = Date.parse('2023-10-02T00:00:00Z'); // a Monday
const LOOP_START = HISTORY_START + (28 * 24 + 10) * HOUR_MS; // Monday 30 October, 10:00
const LOOP_HOURS = 3;
const TRAFFIC_END = LOOP_START + 6 * HOUR_MS;
const iso = (ms: number) => new Date(ms).toISOString();

const AGENTS = [
  { agentId: 'agt-support', modelId: 'claude-sonnet-4-6', team: 'support', usdPerHour: 2 },
  { agentId: 'agt-research', modelId: 'claude-opus-4-1', team: 'research', usdPerHour: 1.5 },
  { agentId: 'agt-batch', modelId: 'claude-sonnet-4-6', team: 'data', usdPerHour: 1 },
];

/** A deterministic ±10 % wobble (an LCG), so the detector sees realistic noise and every run sees the same. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 0.9 + (0.2 * state) / 2 ** 31;
  };
}

/** Busy working hours, quiet nights and weekends. */
function shape(hourMs: number): number {
  const date = new Date(hourMs);
  const daily = 0.3 + 0.7 * Math.max(0, Math.sin((Math.PI * (date.getUTCHours() - 6)) / 14));
  return [0, 6].includes(date.getUTCDay()) ? daily * 0.5 : daily;
}

function baseline(from: number, to: number): TraceIngest[] {
  const wobble = noise(7);
  const traces: TraceIngest[] = [];
  for (let hour = from; hour < to; hour += HOUR_MS) {
    for (const agent of AGENTS) {
      const { usdPerHour, ...tags } = agent;
      traces.push(docsExampleTrace({ ...tags, costUsd: (usdPerHour * shape(hour) * wobble()).toFixed(6), occurredAt: iso(hour + 17 * 60_000) }));
    }
  }
  return traces;
}

/** agt-support stuck in a retry loop: nine more calls per hour like its usual one, so 10x its spend. */
function loop(from: number, hours: number): TraceIngest[] {
  const { usdPerHour, ...tags } = AGENTS[0]!;
  return Array.from({ length: hours * 9 }, (_, i) => {
    const hour = from + Math.floor(i / 9) * HOUR_MS;
    return docsExampleTrace({ ...tags, costUsd: (usdPerHour * shape(hour)).toFixed(6), occurredAt: iso(hour + (20 + (i % 9)) * 60_000) });
  });
}

let gateway: TestGateway;
let receiver: WebhookReceiver;
let org: TestOrg;
let other: TestOrg;
const clock = new TestClock(new Date(TRAFFIC_END));

async function ingest(to: TestOrg, traces: TraceIngest[]) {
  for (let i = 0; i < traces.length; i += 1_000) {
    await request(gateway.app).post('/api/v1/traces/ingest/batch').set(to.auth).send({ traces: traces.slice(i, i + 1_000) }).expect(201);
  }
}

async function detectAt(at: number, who = org) {
  clock.set(iso(at + 60_000));
  const response = await request(gateway.app).post('/api/v1/cost/anomalies/detect').set(who.auth).expect(200);
  return AnomalyDetectionRunSchema.parse(response.body);
}

async function list(who = org): Promise<SpendAnomaly[]> {
  return SpendAnomalyListSchema.parse((await request(gateway.app).get('/api/v1/cost/anomalies').set(who.auth).expect(200)).body).anomalies;
}

const scopeOf = (anomalies: SpendAnomaly[], dimension: string, value: string | null) =>
  anomalies.filter((anomaly) => anomaly.scope.dimension === dimension && anomaly.scope.value === value);

async function queuedEvents(): Promise<{ event_type: string; anomaly_id: string }[]> {
  const { rows } = await gateway.ownerPool.query(
    `SELECT event_type, payload::jsonb -> 'data' ->> 'id' AS anomaly_id FROM webhook_deliveries WHERE org_id = $1 ORDER BY created_at, event_type`,
    [org.orgId],
  );
  return rows;
}

beforeAll(async () => {
  // The job is started with the rest of the background work, but would not tick during the test: runs are asked for.
  gateway = createTestGateway({ anomalyJobIntervalMs: 3_600_000 }, { now: clock.now });
  receiver = await WebhookReceiver.start();
  org = await createOrg(gateway.app);
  other = await createOrg(gateway.app);
  await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: receiver.url, eventTypes: ['anomaly.detected', 'anomaly.resolved'] }).expect(201);
  await ingest(org, [...baseline(HISTORY_START, TRAFFIC_END), ...loop(LOOP_START, LOOP_HOURS)]);
  await ingest(other, baseline(HISTORY_START, TRAFFIC_END));
  gateway.gateway.start();
}, 60_000);
afterAll(async () => {
  await gateway.close();
  await receiver.close();
});

describe('spend anomalies through the gateway and the forecaster', () => {
  test('when an agent loops at 10x for three hours, then the org total and that agent are anomalous, driven by that agent and model, alerted once each', async () => {
    const run = await detectAt(LOOP_START + LOOP_HOURS * HOUR_MS);
    const anomalies = await list();
    const [total] = scopeOf(anomalies, 'org', null);
    const [agent] = scopeOf(anomalies, 'agentId', 'agt-support');

    expect(run).toMatchObject({ seriesEnd: iso(LOOP_START + LOOP_HOURS * HOUR_MS), detected: anomalies.length, updated: 0 });
    expect(total).toMatchObject({ start: iso(LOOP_START), end: iso(LOOP_START + LOOP_HOURS * HOUR_MS), direction: 'up', status: 'open', feedback: null });
    expect(agent).toMatchObject({ start: iso(LOOP_START), direction: 'up', status: 'open' });
    expect(scopeOf(anomalies, 'agentId', 'agt-research')).toEqual([]);
    expect(scopeOf(anomalies, 'agentId', 'agt-batch')).toEqual([]);
    expect(Number(total!.impactUsd)).toBeGreaterThan(Number(total!.expectedUsd) * 2);
    const topDriver = (dimension: string) => total!.drivers.find((driver) => driver.dimension === dimension);
    expect(topDriver('agentId')).toMatchObject({ value: 'agt-support' });
    expect(topDriver('modelId')).toMatchObject({ value: 'claude-sonnet-4-6' });
    // The loop's excess is agt-support's: nine of its usual hours' spend per hour, within the noise of the median.
    expect(Number(topDriver('agentId')!.excessUsd)).toBeGreaterThan(0.8 * Number(total!.impactUsd));

    const received = await receiver.waitFor(anomalies.length);
    const payloads = received.map((delivery) => AnomalyWebhookPayloadSchema.parse(JSON.parse(delivery.body)));
    expect(payloads.map((payload) => payload.type)).toEqual(anomalies.map(() => 'anomaly.detected'));
    expect(payloads.map((payload) => payload.data.id).sort()).toEqual(anomalies.map((anomaly) => anomaly.id).sort());
    expect(received[0]!.headers['x-finops-signature']).toMatch(/^v1=[0-9a-f]{64}$/);

    // The same hour again: the same anomalies, nothing new to say.
    await detectAt(LOOP_START + LOOP_HOURS * HOUR_MS);
    expect((await list()).map((anomaly) => anomaly.id).sort()).toEqual(anomalies.map((anomaly) => anomaly.id).sort());
    expect(await queuedEvents()).toHaveLength(anomalies.length);
  });

  test('when the total is marked planned, then its end and its return send nothing while the agent’s, without feedback, alert again', async () => {
    const [total] = scopeOf(await list(), 'org', null);
    const [agent] = scopeOf(await list(), 'agentId', 'agt-support');
    const marked = await request(gateway.app).post(`/api/v1/cost/anomalies/${total!.id}/feedback`).set(org.auth).send({ verdict: 'planned' }).expect(200);
    expect(SpendAnomalySchema.parse(marked.body)).toMatchObject({ id: total!.id, feedback: 'planned' });

    // An hour of usual spend: both anomalies end.
    await detectAt(LOOP_START + (LOOP_HOURS + 1) * HOUR_MS);
    const ended = await list();
    expect(scopeOf(ended, 'org', null)[0]).toMatchObject({ status: 'resolved', end: iso(LOOP_START + LOOP_HOURS * HOUR_MS), feedback: 'planned' });
    expect(scopeOf(ended, 'agentId', 'agt-support')[0]).toMatchObject({ status: 'resolved' });

    // The loop's traces for that hour and the next arrive late: the same anomalies grow back instead of new ones.
    clock.set(iso(LOOP_START + (LOOP_HOURS + 2) * HOUR_MS));
    await ingest(org, loop(LOOP_START + LOOP_HOURS * HOUR_MS, 2));
    await detectAt(LOOP_START + (LOOP_HOURS + 2) * HOUR_MS);
    const back = await list();
    expect(scopeOf(back, 'org', null)).toEqual([expect.objectContaining({ id: total!.id, status: 'open', feedback: 'planned', end: iso(LOOP_START + (LOOP_HOURS + 2) * HOUR_MS) })]);
    expect(scopeOf(back, 'agentId', 'agt-support')).toEqual([expect.objectContaining({ id: agent!.id, status: 'open', feedback: null })]);

    const events = await queuedEvents();
    const about = (id: string) => events.filter((event) => event.anomaly_id === id).map((event) => event.event_type);
    expect(about(total!.id)).toEqual(['anomaly.detected']);
    expect(about(agent!.id)).toEqual(['anomaly.detected', 'anomaly.resolved', 'anomaly.detected']);
  });

  test('when another org looks, then it sees none of these anomalies and cannot change them', async () => {
    const [total] = scopeOf(await list(), 'org', null);
    await detectAt(LOOP_START + (LOOP_HOURS + 2) * HOUR_MS, other);

    expect(await list(other)).toEqual([]);
    const seen = await request(gateway.app).get(`/api/v1/cost/anomalies/${total!.id}`).set(other.auth).expect(404);
    expect(seen.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(gateway.app).post(`/api/v1/cost/anomalies/${total!.id}/feedback`).set(other.auth).send({ verdict: 'unexpected' }).expect(404);
    expect(SpendAnomalySchema.parse((await request(gateway.app).get(`/api/v1/cost/anomalies/${total!.id}`).set(org.auth).expect(200)).body).feedback).toBe('planned');
  });

  test('when the list is filtered, then only anomalies of that status and time are listed, newest first', async () => {
    const all = await list();
    const query = (params: Record<string, string>) => request(gateway.app).get('/api/v1/cost/anomalies').query(params).set(org.auth).expect(200);

    expect(all.map((anomaly) => anomaly.start)).toEqual([...all.map((anomaly) => anomaly.start)].sort().reverse());
    expect(SpendAnomalyListSchema.parse((await query({ status: 'resolved' })).body).anomalies.every((a) => a.status === 'resolved')).toBe(true);
    expect(SpendAnomalyListSchema.parse((await query({ to: iso(LOOP_START) })).body).anomalies).toEqual([]);
    expect(SpendAnomalyListSchema.parse((await query({ from: iso(LOOP_START), to: iso(LOOP_START + HOUR_MS) })).body).anomalies).toHaveLength(all.length);
  });

  test.each([
    ['an unknown status', 'get', '/api/v1/cost/anomalies?status=closed', undefined, 'status'],
    ['a date without a time zone', 'get', '/api/v1/cost/anomalies?from=2023-10-30T10:00:00', undefined, 'from'],
    ['to before from', 'get', `/api/v1/cost/anomalies?from=${iso(LOOP_START)}&to=${iso(LOOP_START - HOUR_MS)}`, undefined, 'to'],
    ['an id that is not a UUID', 'get', '/api/v1/cost/anomalies/42', undefined, 'id'],
    ['an unknown verdict', 'post', '/api/v1/cost/anomalies/00000000-0000-4000-8000-000000000000/feedback', { verdict: 'fine' }, 'verdict'],
    ['no verdict', 'post', '/api/v1/cost/anomalies/00000000-0000-4000-8000-000000000000/feedback', {}, 'verdict'],
  ] as const)('when a request has %s, then 400 names the field', async (_, method, url, body, field) => {
    const response = await request(gateway.app)[method](url).set(org.auth).send(body);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.invalid_params.map((param: { name: string }) => param.name)).toContain(field);
  });

  test('when an unknown anomaly is read or given feedback, then 404', async () => {
    await request(gateway.app).get('/api/v1/cost/anomalies/00000000-0000-4000-8000-000000000000').set(org.auth).expect(404);
    await request(gateway.app).post('/api/v1/cost/anomalies/00000000-0000-4000-8000-000000000000/feedback').set(org.auth).send({ verdict: 'planned' }).expect(404);
  });
});
