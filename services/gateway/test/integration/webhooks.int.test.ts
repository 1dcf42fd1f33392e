import { createHmac, timingSafeEqual } from 'node:crypto';
import { CreatedWebhookSchema, ProblemSchema, WebhookListSchema, WebhookPayloadSchema } from '@finops/contracts';
import pino from 'pino';
import request from 'supertest';
import { createPool } from '../../src/db/pool';
import { WebhookDeliveriesRepository } from '../../src/modules/webhooks/webhook-deliveries.repository';
import { DEFAULT_WEBHOOK_DELIVERY_SETTINGS, WebhookDeliveryWorker, type WebhookDeliverySettings } from '../../src/modules/webhooks/webhook-delivery.worker';
import { WebhookSender } from '../../src/modules/webhooks/webhook-sender';
import { WebhookTargets } from '../../src/modules/webhooks/webhook-target';
import { alertEvents, createBudget, spend } from '../support/budgets';
import { RunningClock, TestClock } from '../support/clocks';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, testDatabaseUrl, type TestGateway } from '../support/test-gateway';
import { WebhookReceiver } from '../support/webhook-receiver';

// The README's verification snippet, as a receiver would write it (with the clock passed in, for the test's clock).
function verify(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, nowMs = Date.now()): boolean {
  const timestamp = String(headers['x-finops-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const fresh = Math.abs(nowMs / 1000 - Number(timestamp)) <= 300;
  const signatures = String(headers['x-finops-signature']).split(',').map((s) => Buffer.from(s.trim()));
  return fresh && signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected));
}

// Dates before every other test file's, so this file's workers (which claim due deliveries of every org) find
// only this file's deliveries due.
const APRIL_2025 = '2025-04-10T12:00:00Z';
const IN_APRIL_2025 = '2025-04-10T11:00:00Z';
const SECRET = 'whsec_test-secret-supplied-by-the-subscriber';

let gateway: TestGateway;
let receiver: WebhookReceiver;
let org: TestOrg;
const clock = new TestClock(new Date(APRIL_2025));
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  gateway = createTestGateway({}, { now: clock.now });
});
afterAll(() => gateway.close());
beforeEach(async () => {
  clock.set(APRIL_2025);
  org = await createOrg(gateway.app);
  receiver = await WebhookReceiver.start();
});
afterEach(() => receiver.close());

function worker(settings: Partial<WebhookDeliverySettings> = {}, pool = gateway.pool) {
  const all = { ...DEFAULT_WEBHOOK_DELIVERY_SETTINGS, timeoutMs: 2_000, ...settings };
  return new WebhookDeliveryWorker(new WebhookDeliveriesRepository(pool), new WebhookSender(all.timeoutMs, clock.now, new WebhookTargets({ allowInsecureTargets: true })), all, clock.now, silent);
}

async function subscribe(body: object = {}) {
  const response = await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: receiver.url, secret: SECRET, ...body }).expect(201);
  return CreatedWebhookSchema.parse(response.body);
}

/** A cap of $10 and $12 of spend: one ok→exceeded event, queued for every subscription. */
async function exceedCap() {
  await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10, warnAt: [] });
  await spend(gateway.app, org, '12', IN_APRIL_2025, { costCenter: 'finance' });
  await gateway.gateway.drain();
}

async function deliveries() {
  const { rows } = await gateway.ownerPool.query(
    `SELECT event_id, event_type, status, attempts, last_response_status, last_error, delivered_at FROM webhook_deliveries
     WHERE org_id = $1 ORDER BY created_at`,
    [org.orgId],
  );
  return rows;
}

describe('webhook subscriptions', () => {
  test('when a subscription is created without a secret, then one is generated and shown only in that answer', async () => {
    const response = await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: 'https://alerts.example.com/finops' }).expect(201);
    const created = CreatedWebhookSchema.parse(response.body);
    const list = WebhookListSchema.parse((await request(gateway.app).get('/api/v1/webhooks').set(org.auth).expect(200)).body);

    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.eventTypes).toEqual(['budget.ok', 'budget.warning', 'budget.exceeded', 'anomaly.detected', 'anomaly.resolved']);
    expect(list.webhooks).toEqual([{ id: created.id, url: 'https://alerts.example.com/finops', eventTypes: created.eventTypes, description: null, secretPrefix: created.secret.slice(0, 10), createdAt: created.createdAt }]);
    expect(JSON.stringify(list)).not.toContain(created.secret);
  });

  test('when a subscription is deleted, then it and its undelivered deliveries are gone, and deleting again is 404', async () => {
    const subscription = await subscribe();
    await exceedCap();
    expect(await deliveries()).toHaveLength(1);

    await request(gateway.app).delete(`/api/v1/webhooks/${subscription.id}`).set(org.auth).expect(204);

    expect(await deliveries()).toEqual([]);
    expect((await request(gateway.app).get('/api/v1/webhooks').set(org.auth).expect(200)).body.webhooks).toEqual([]);
    const again = await request(gateway.app).delete(`/api/v1/webhooks/${subscription.id}`).set(org.auth).expect(404);
    expect(ProblemSchema.parse(again.body).type).toBe('https://ai-finops.dev/problems/not-found');
  });

  test.each([
    ['no URL', {}, ['url']],
    ['a URL that is not http(s)', { url: 'ftp://example.com/x' }, ['url']],
    ['something that is not a URL', { url: 'not a url' }, ['url']],
    ['a secret shorter than 24 characters', { url: 'https://x.example', secret: 'short' }, ['secret']],
    ['an unknown event type', { url: 'https://x.example', eventTypes: ['budget.spent'] }, ['eventTypes[0]']],
    ['no event types', { url: 'https://x.example', eventTypes: [] }, ['eventTypes']],
    ['an unknown field', { url: 'https://x.example', events: ['budget.ok'] }, ['events']],
  ])('when the body has %s, then 400 names the field', async (_case, body, fields) => {
    const response = await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send(body).expect(400);

    expect(ProblemSchema.parse(response.body).invalid_params!.map((param) => param.name)).toEqual(fields);
  });

  test('when the id is not a UUID or unknown, then DELETE answers 400 or 404', async () => {
    await request(gateway.app).delete('/api/v1/webhooks/nope').set(org.auth).expect(400);
    await request(gateway.app).delete('/api/v1/webhooks/1b4e28ba-2fa1-41d2-883f-0016d3cca427').set(org.auth).expect(404);
  });
});

describe('webhook delivery', () => {
  test('when an alert event is delivered, then the body is the event, the signature verifies, and the delivery is recorded', async () => {
    await subscribe();
    await exceedCap();

    expect(await worker().deliverDue()).toBeGreaterThanOrEqual(1);

    const [delivery] = await receiver.waitFor(1);
    const [event] = await alertEvents(gateway.app, org);
    expect(delivery!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-finops-event-id': event!.id,
      'x-finops-event-type': 'budget.exceeded',
      'x-finops-timestamp': String(Date.parse(APRIL_2025) / 1000),
      'x-finops-delivery-attempt': '1',
    });
    expect(verify(SECRET, delivery!.headers, delivery!.body, clock.now().getTime())).toBe(true);
    expect(verify('whsec_some-other-secret-0123456789', delivery!.headers, delivery!.body, clock.now().getTime())).toBe(false);
    const payload = WebhookPayloadSchema.parse(JSON.parse(delivery!.body));
    expect(payload).toEqual({ id: event!.id, type: 'budget.exceeded', createdAt: event!.occurredAt, orgId: org.orgId, data: event });
    expect(await deliveries()).toEqual([
      { event_id: event!.id, event_type: 'budget.exceeded', status: 'delivered', attempts: 1, last_response_status: 200, last_error: null, delivered_at: clock.now() },
    ]);
  });

  test('when a subscription wants only some event types, then only those are queued for it', async () => {
    await subscribe({ eventTypes: ['budget.warning'] });

    await exceedCap();

    expect(await deliveries()).toEqual([]);
  });

  test('when the receiver fails twice and then answers 200, then the same event is retried with backoff until delivered', async () => {
    await subscribe();
    await exceedCap();
    receiver.respondWith((n) => (n <= 2 ? 500 : 200));
    const retrying = worker({ retryBaseMs: 60_000, retryMaxMs: 600_000 });

    await retrying.deliverDue();
    await retrying.deliverDue();
    const afterFirst = await receiver.waitFor(1);
    expect(afterFirst).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1, last_response_status: 500, last_error: 'HTTP 500' });

    clock.advance(60_000);
    await retrying.deliverDue();
    clock.advance(120_000);
    await retrying.deliverDue();

    const received = await receiver.waitFor(3);
    expect(received.map((r) => r.headers['x-finops-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(received.map((r) => r.headers['x-finops-event-id'])).size).toBe(1);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(received.every((r) => verify(SECRET, r.headers, r.body, Number(r.headers['x-finops-timestamp']) * 1000))).toBe(true);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 3, last_response_status: 200 });
  });

  test('when the receiver keeps failing, then the delivery is given up after the maximum attempts', async () => {
    await subscribe();
    await exceedCap();
    receiver.respondWith(() => 503);
    const giveUpAfterThree = worker({ maxAttempts: 3, retryBaseMs: 1_000, retryMaxMs: 1_000 });

    for (let i = 0; i < 5; i += 1) {
      await giveUpAfterThree.deliverDue();
      clock.advance(1_000);
    }

    expect(receiver.received).toHaveLength(3);
    expect((await deliveries())[0]).toMatchObject({ status: 'failed', attempts: 3, last_response_status: 503 });
  });

  test('when the receiver does not answer within the timeout, then the attempt fails and the same event comes again (at least once)', async () => {
    await subscribe();
    await exceedCap();
    receiver.respondWith((n) => (n === 1 ? 'hang' : 200));
    const impatient = worker({ timeoutMs: 300, retryBaseMs: 1_000 });

    await impatient.deliverDue();
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'no answer within 300 ms' });
    clock.advance(1_000);
    await impatient.deliverDue();

    const received = await receiver.waitFor(2);
    expect(received[0]!.headers['x-finops-event-id']).toBe(received[1]!.headers['x-finops-event-id']);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  test('when two replicas’ workers claim at the same moment, then each delivery is sent exactly once', async () => {
    for (let i = 0; i < 6; i += 1) await subscribe();
    await exceedCap();
    const otherPool = createPool(testDatabaseUrl(), 4, 'finops-test-replica');
    try {
      const small = { batchSize: 2 };
      const [a, b] = [worker(small), worker(small, otherPool)];

      const rounds = await Promise.all([a.deliverDue(), b.deliverDue(), a.deliverDue(), b.deliverDue(), a.deliverDue(), b.deliverDue()]);

      expect(rounds.reduce((sum, n) => sum + n, 0)).toBe(6);
      const received = await receiver.waitFor(6);
      expect(received).toHaveLength(6);
      expect((await deliveries()).map((row) => [row.status, row.attempts])).toEqual(Array.from({ length: 6 }, () => ['delivered', 1]));
    } finally {
      await otherPool.end();
    }
  });
});

describe('webhook delivery across a restart (the gateway’s own worker)', () => {
  const fast = { webhookDelivery: { pollIntervalMs: 20, retryBaseMs: 40 }, budgetRolloverSweepMs: 20 };

  test('when the gateway stops with a delivery pending, then a new gateway delivers it with the same event id', async () => {
    const running = new RunningClock('2025-03-05T10:00:00Z');
    // Retries at least 30 s apart on the test's clock: the first gateway cannot retry before it is stopped.
    const first = createTestGateway({ ...fast, webhookDelivery: { pollIntervalMs: 20, retryBaseMs: 60_000 } }, { now: running.now });
    receiver.respondWith((n) => (n === 1 ? 500 : 200));
    first.gateway.start();
    await subscribe();
    await createBudget(first.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10, warnAt: [] });
    await spend(first.app, org, '12', '2025-03-05T09:00:00Z', { costCenter: 'finance' });

    await receiver.waitFor(1);
    await first.close();
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, last_response_status: 500 })]);

    running.jump(60_000);
    const second = createTestGateway(fast, { now: running.now });
    second.gateway.start();
    const received = await receiver.waitFor(2);
    await second.close();

    expect(received[1]!.headers['x-finops-event-id']).toBe(received[0]!.headers['x-finops-event-id']);
    expect(received[1]!.body).toBe(received[0]!.body);
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
  });

  test('when a period ends without any traffic, then the rollover is noticed and its webhook delivered', async () => {
    const running = new RunningClock('2025-02-10T23:00:00Z');
    const live = createTestGateway(fast, { now: running.now });
    live.gateway.start();
    try {
      await subscribe();
      await createBudget(live.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10, warnAt: [], periodType: 'daily' });
      await spend(live.app, org, '12', '2025-02-10T22:00:00Z', { costCenter: 'finance' });
      const [exceeded] = await receiver.waitFor(1);

      running.jump(2 * 3_600_000);
      const [, backToOk] = await receiver.waitFor(2);

      expect(JSON.parse(exceeded!.body)).toMatchObject({ type: 'budget.exceeded' });
      expect(JSON.parse(backToOk!.body)).toMatchObject({ type: 'budget.ok', data: { reason: 'period_rollover', periodStart: '2025-02-11T00:00:00.000Z' } });
    } finally {
      await live.close();
    }
  });
});
