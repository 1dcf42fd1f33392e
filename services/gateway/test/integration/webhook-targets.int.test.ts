import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { ClaimedDelivery } from '../../src/modules/webhooks/webhook-deliveries.repository';
import { WebhookSender } from '../../src/modules/webhooks/webhook-sender';
import { WebhookTargets, type ResolveHostname } from '../../src/modules/webhooks/webhook-target';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';
import { WebhookReceiver } from '../support/webhook-receiver';

const PUBLIC_V4 = '93.184.216.34';

/** A TCP server on 127.0.0.1 that only counts connections: any connection at all means a refused target was reached. */
async function connectionCounter(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const delivery = (url: string): ClaimedDelivery => ({
  orgId: '00000000-0000-4000-8000-000000000001',
  id: '00000000-0000-4000-8000-000000000002',
  eventId: '00000000-0000-4000-8000-000000000003',
  eventType: 'budget.exceeded',
  payload: '{"id":"e"}',
  attempt: 1,
  url,
  secret: 'whsec_test-secret-0123456789abcdef',
});

describe('webhook targets', () => {
  let gateway: TestGateway;
  let org: TestOrg;
  const dns: Record<string, string[]> = { 'hooks.example.com': [PUBLIC_V4], 'metadata.example.com': ['169.254.169.254'] };
  const resolveHostname: ResolveHostname = async (hostname) => dns[hostname] ?? Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));

  beforeAll(async () => {
    // As in production: WEBHOOK_ALLOW_INSECURE_TARGETS unset.
    gateway = createTestGateway({ allowInsecureWebhookTargets: false }, { resolveHostname });
    org = await createOrg(gateway.app);
  });
  afterAll(() => gateway.close());

  test.each([
    'http://169.254.169.254/latest/meta-data',
    'https://169.254.169.254/latest/meta-data',
    'https://2852039166/',
    'https://0251.0376.0251.0376/',
    'https://0xa9fea9fe/',
    'https://[::ffff:169.254.169.254]/',
    'https://[fd00:ec2::254]/',
    'https://metadata.google.internal/',
    'https://localhost/',
    'https://127.1/',
    'https://10.0.0.1/',
    'https://100.64.0.1/',
    'https://metadata.example.com/',
  ])('when %s is registered, then 400 names url and nothing is stored', async (url) => {
    const response = await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'url', in: 'body' })]);
    const list = await request(gateway.app).get('/api/v1/webhooks').set(org.auth);
    expect(list.body.webhooks).toEqual([]);
  });

  test('when a public https target is registered, then it is accepted', async () => {
    const response = await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: 'https://hooks.example.com/finops' });

    expect(response.status).toBe(201);
    await request(gateway.app).delete(`/api/v1/webhooks/${response.body.id}`).set(org.auth).expect(204);
  });

  test('when a stored target now resolves to loopback (DNS rebinding), then the delivery is refused before any connection', async () => {
    const counter = await connectionCounter();
    let calls = 0;
    const rebinding: ResolveHostname = async () => (calls++ === 0 ? [PUBLIC_V4] : ['127.0.0.1']);
    const targets = new WebhookTargets({ allowInsecureTargets: false }, rebinding);
    const url = `https://rebind.example.com:${counter.port}/hook`;
    await targets.checkForRegistration(url);

    const result = await new WebhookSender(2_000, () => new Date(0), targets).send(delivery(url));

    expect(result).toEqual({ ok: false, responseStatus: null, error: 'target refused: must be a public address: rebind.example.com resolves to 127.0.0.1 is a loopback address' });
    expect(counter.connections()).toBe(0);
    await counter.close();
  });

  test.each(['https://127.0.0.1:PORT/', 'https://[::ffff:127.0.0.1]:PORT/', 'https://2130706433:PORT/', 'https://localhost:PORT/'])(
    'when a delivery goes to %s without the operator setting, then it is refused and nothing connects',
    async (template) => {
      const counter = await connectionCounter();
      const sender = new WebhookSender(2_000, () => new Date(0), new WebhookTargets({ allowInsecureTargets: false }, async () => ['127.0.0.1']));

      const result = await sender.send(delivery(template.replace('PORT', String(counter.port))));

      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/^target refused: must be a public address/);
      expect(counter.connections()).toBe(0);
      await counter.close();
    },
  );

  test('when a name resolves to the receiver first and elsewhere afterwards, then the delivery connects to the address it checked', async () => {
    const receiver = await WebhookReceiver.start();
    const port = new URL(receiver.url).port;
    // Nothing listens on 127.0.0.2: a second resolution used for the connection would fail the delivery.
    const answers = [['127.0.0.1'], ['127.0.0.2']];
    let calls = 0;
    const targets = new WebhookTargets({ allowInsecureTargets: true }, async () => answers[Math.min(calls++, 1)]!);

    const result = await new WebhookSender(2_000, () => new Date(0), targets).send(delivery(`http://receiver.test:${port}/hook`));

    expect(result).toEqual({ ok: true, responseStatus: 200 });
    expect(calls).toBe(1);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  test('when the receiver answers with a redirect, then it is not followed and the attempt fails', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.respondWith(() => 302);
    const sender = new WebhookSender(2_000, () => new Date(0), new WebhookTargets({ allowInsecureTargets: true }));

    const result = await sender.send(delivery(receiver.url));

    expect(result).toEqual({ ok: false, responseStatus: 302, error: 'HTTP 302 (redirects are not followed)' });
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });
});
