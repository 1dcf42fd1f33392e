import { randomUUID } from 'node:crypto';
import { samplesOf, valueOf, type Exposition } from '@finops/http-kit';
import request from 'supertest';
import { createBudget, spend } from '../support/budgets';
import { closedPortUrl } from '../support/fake-forecaster';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { createPolicy, guardCheck } from '../support/guard';
import { scrape, scrapeUntil } from '../support/scrape';
import { createTestGateway, type TestGateway } from '../support/test-gateway';
import { WebhookReceiver } from '../support/webhook-receiver';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

function labelValues(metrics: Exposition, name: string, label: string): string[] {
  return [...new Set(samplesOf(metrics, name).map((sample) => sample.labels[label] ?? ''))];
}

describe('gateway domain metrics', () => {
  let gateway: TestGateway;
  let org: TestOrg;
  beforeAll(() => {
    gateway = createTestGateway();
  });
  beforeEach(async () => {
    org = await createOrg(gateway.app);
  });
  afterAll(() => gateway.close());

  test('when traces are stored, then traces, spend and tokens are counted by catalogue model; other models as one value, no org label', async () => {
    const unknownModel = `in-house-${randomUUID()}`;
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace()).expect(201);
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace({ modelId: unknownModel, tokensUsed: 500 })).expect(201);
    await request(gateway.app)
      .post('/api/v1/traces/ingest/batch')
      .set(org.auth)
      .send({ traces: [docsExampleTrace({ tokensUsed: undefined, inputTokens: 1000, outputTokens: 200 })] })
      .expect(201);
    const replayKey = randomUUID();
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).set('Idempotency-Key', replayKey).send(docsExampleTrace({ agentId: 'replayed' })).expect(201);
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).set('Idempotency-Key', replayKey).send(docsExampleTrace({ agentId: 'replayed' })).expect(201);

    const metrics = await scrape(gateway.app);

    expect(metrics.types.get('finops_traces_stored_total')).toBe('counter');
    expect(valueOf(metrics, 'finops_traces_stored_total', { model: 'claude-sonnet-4-6', pricing_source: 'catalog' })).toBe(3);
    expect(valueOf(metrics, 'finops_traces_stored_total', { model: 'other', pricing_source: 'unpriced' })).toBe(1);
    // 1840 blended tokens at $6 per 1M (the README's example) twice, plus 1000 input at $3 and 200 output at $15.
    expect(valueOf(metrics, 'finops_spend_usd_total', { model: 'claude-sonnet-4-6' })).toBeCloseTo(0.01104 * 2 + 0.003 + 0.003, 9);
    expect(valueOf(metrics, 'finops_tokens_total', { model: 'claude-sonnet-4-6', meter: 'unsplit' })).toBe(1840 * 2);
    expect(valueOf(metrics, 'finops_tokens_total', { model: 'claude-sonnet-4-6', meter: 'input' })).toBe(1000);
    expect(valueOf(metrics, 'finops_tokens_total', { model: 'other', meter: 'unsplit' })).toBe(500);
    expect(labelValues(metrics, 'finops_spend_usd_total', 'model').sort()).toEqual(['claude-sonnet-4-6', 'other']);
    expect(samplesOf(metrics, 'finops_spend_usd_total').every((sample) => !('org' in sample.labels))).toBe(true);
    expect(metrics.types.get('finops_batch_flush_size')).toBe('histogram');
    expect(valueOf(metrics, 'finops_batch_flush_size_sum', { queue: 'ingest', outcome: 'committed' })).toBe(4);
    expect(valueOf(metrics, 'finops_batch_flush_duration_seconds_count', { queue: 'ingest', outcome: 'committed' })).toBeGreaterThanOrEqual(1);
  });

  test('when guard checks are allowed and denied, then decisions are counted by decision and reason, and the check batches observed', async () => {
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1, periodType: 'daily' });
    expect((await guardCheck(gateway.app, org, { agentId: 'a1', estimatedCostUsd: 0.6 })).decision).toBe('allow');
    expect((await guardCheck(gateway.app, org, { agentId: 'a1', estimatedCostUsd: 0.6 })).decision).toBe('deny');

    const metrics = await scrape(gateway.app);

    expect(valueOf(metrics, 'finops_guard_decisions_total', { decision: 'allow', reason: 'within_limits' })).toBe(1);
    expect(valueOf(metrics, 'finops_guard_decisions_total', { decision: 'deny', reason: 'cap_exceeded' })).toBe(1);
    expect(valueOf(metrics, 'finops_batch_flush_size_count', { queue: 'guard_check', outcome: 'committed' })).toBeGreaterThanOrEqual(1);
  });

  test('when budget caps exist, then a scrape reads each cap’s limit and remaining, and the caps by alert state, from the database', async () => {
    const finance = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100, periodType: 'monthly' });
    const whole = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 10, periodType: 'monthly', warnAt: [] });
    await spend(gateway.app, org, '12.5', gateway.now().toISOString());
    await gateway.gateway.drain();

    const metrics = await scrape(gateway.app);

    expect(metrics.types.get('finops_budget_limit_usd')).toBe('gauge');
    expect(valueOf(metrics, 'finops_budget_limit_usd', { budget_id: finance.id, dimension: 'costCenter', period_type: 'monthly' })).toBe(100);
    expect(valueOf(metrics, 'finops_budget_remaining_usd', { budget_id: finance.id })).toBe(87.5);
    expect(valueOf(metrics, 'finops_budget_remaining_usd', { budget_id: whole.id })).toBe(0);
    expect(valueOf(metrics, 'finops_budget_caps', { alert_state: 'exceeded' })).toBeGreaterThanOrEqual(1);
    expect(labelValues(metrics, 'finops_budget_caps', 'alert_state').sort()).toEqual(['exceeded', 'ok', 'warning']);
    expect(samplesOf(metrics, 'finops_budget_limit_usd').every((sample) => !('org' in sample.labels))).toBe(true);
  });

  test('when a forecast is asked for, then the forecaster call is timed with its outcome', async () => {
    await request(gateway.app).get('/api/v1/cost/forecast').set(org.auth).expect(200);

    const metrics = await scrape(gateway.app);

    expect(metrics.types.get('finops_forecaster_call_duration_seconds')).toBe('histogram');
    expect(valueOf(metrics, 'finops_forecaster_call_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  test('when a webhook is delivered, then the attempt is counted by outcome and the outbox backlog is a gauge', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: receiver.url }).expect(201);
      await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10, warnAt: [] });
      await spend(gateway.app, org, '12', gateway.now().toISOString(), { costCenter: 'finance' });
      await gateway.gateway.drain();
      gateway.gateway.start();
      await receiver.waitFor(1);

      const metrics = await scrapeUntil(gateway.app, (scraped) => valueOf(scraped, 'finops_webhook_delivery_attempts_total', { outcome: 'delivered' }) >= 1);

      expect(valueOf(metrics, 'finops_webhook_delivery_attempts_total', { outcome: 'delivered' })).toBe(1);
      expect(metrics.types.get('finops_webhook_outbox_pending')).toBe('gauge');
      expect(valueOf(metrics, 'finops_webhook_outbox_pending')).toBeGreaterThanOrEqual(0);
    } finally {
      await gateway.gateway.stop();
      await receiver.close();
    }
  });

  test('after all that traffic, then no label value of any metric carries an id other than a cap’s', async () => {
    const metrics = await scrape(gateway.app);

    const carryingIds = metrics.samples.filter((sample) => Object.entries(sample.labels).some(([label, value]) => label !== 'budget_id' && UUID.test(value)));
    expect(carryingIds).toEqual([]);
  });
});

describe('gateway metrics with METRICS_ORG_LABELS', () => {
  test('when org labels are on, then spend and caps carry the org; a forecaster that cannot be reached is counted as unavailable', async () => {
    const gateway = createTestGateway({ metricsOrgLabels: true, forecasterUrl: await closedPortUrl(), forecasterClient: { maxAttempts: 1 } });
    try {
      const org = await createOrg(gateway.app);
      await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace()).expect(201);
      const cap = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 10 });
      const forecast = await request(gateway.app).get('/api/v1/cost/forecast').set(org.auth).expect(200);
      expect(forecast.body.degraded).toBe(true);

      const metrics = await scrape(gateway.app);

      expect(valueOf(metrics, 'finops_traces_stored_total', { model: 'claude-sonnet-4-6', org: org.orgId, pricing_source: 'catalog' })).toBe(1);
      expect(valueOf(metrics, 'finops_spend_usd_total', { model: 'claude-sonnet-4-6', org: org.orgId })).toBeCloseTo(0.01104, 9);
      expect(valueOf(metrics, 'finops_budget_limit_usd', { budget_id: cap.id, org: org.orgId })).toBe(10);
      expect(valueOf(metrics, 'finops_forecaster_call_duration_seconds_count', { outcome: 'unavailable' })).toBe(1);
    } finally {
      await gateway.close();
    }
  });
});
