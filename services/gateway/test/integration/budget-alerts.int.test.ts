import request from 'supertest';
import { alertEvents, budgetStatus, createBudget, spend, statusOf, transitions } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
const clock = new TestClock(new Date('2026-05-15T12:00:00Z'));
const MID_MAY = '2026-05-10T08:00:00Z';

beforeAll(() => {
  // Each step here waits for the evaluation its ingest triggered; the production throttle (one evaluation per org
  // per second, covered by the queue's unit tests) would only add waiting.
  // These tests are about spend-based states; only a certain breach may show as projected_to_exceed here.
  gateway = createTestGateway({ budgetEvaluationIntervalMs: 0, forecastAlertProbability: 1 }, { now: clock.now });
});
afterAll(() => gateway.close());

let org: TestOrg;
beforeEach(async () => {
  clock.set('2026-05-15T12:00:00Z');
  org = await createOrg(gateway.app);
});

/** Ingest and let the evaluation it triggers finish (it runs off the request path). */
async function spendAndSettle(costUsd: string, tags = { costCenter: 'finance' }, occurredAt = MID_MAY) {
  await spend(gateway.app, org, costUsd, occurredAt, tags);
  await gateway.gateway.drain();
}

describe('alert states and events', () => {
  test('when spend passes each warn threshold and then the limit, then each change is recorded once, at ingest', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100, warnAt: [0.5, 0.8] });

    await spendAndSettle('49.99');
    expect(transitions(await alertEvents(gateway.app, org))).toEqual([]);
    await spendAndSettle('0.01');
    expect(transitions(await alertEvents(gateway.app, org))).toEqual(['ok→warning@0.5']);
    for (const costUsd of ['30', '19.99', '0.01', '5']) {
      clock.advance(60_000);
      await spendAndSettle(costUsd);
    }
    await budgetStatus(gateway.app, org);

    const events = await alertEvents(gateway.app, org);
    expect(transitions(events)).toEqual(['ok→warning@0.5', 'warning@0.5→warning@0.8', 'warning@0.8→exceeded']);
    expect(events.map((event) => [event.type, event.reason, event.spentUsd, event.limitUsd])).toEqual([
      ['budget.warning', 'spend', '50', '100'],
      ['budget.warning', 'spend', '80', '100'],
      ['budget.exceeded', 'spend', '100', '100'],
    ]);
    expect(events.every((event) => event.budgetId === cap.id && event.periodStart === '2026-05-01T00:00:00.000Z')).toBe(true);
    const status = await statusOf(gateway.app, org, cap.id);
    expect(status).toMatchObject({ alertState: 'exceeded', spentUsd: '105', remainingUsd: '0', utilization: 1.05, alertStateSince: '2026-05-15T12:03:00.000Z' });
  });

  test('when the status is read many times, then it reports the state without recording anything again', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10 });
    await spendAndSettle('9');

    const reads = [];
    for (let i = 0; i < 5; i += 1) reads.push(await statusOf(gateway.app, org, cap.id));

    expect(reads.map(spendState)).toEqual(Array(5).fill('warning'));

    expect(transitions(await alertEvents(gateway.app, org))).toEqual(['ok→warning@0.8']);
  });

  test('when a cap is created for spend already past its limit, then it starts exceeded with one cap_changed event', async () => {
    await spendAndSettle('12');

    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10 });

    const events = await alertEvents(gateway.app, org);
    expect(transitions(events)).toEqual(['ok→exceeded']);
    expect(events[0]!.reason).toBe('cap_changed');
    expect((await statusOf(gateway.app, org, cap.id)).alertState).toBe('exceeded');
  });

  test('when the limit is raised and lowered mid-period, then the status follows at once and each change is an event', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100, warnAt: [0.5] });
    await spendAndSettle('120');

    clock.advance(60_000);
    await request(gateway.app).patch(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).send({ limitUsd: 200 }).expect(200);
    const raised = await statusOf(gateway.app, org, cap.id);
    clock.advance(60_000);
    await request(gateway.app).patch(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).send({ limitUsd: '1000' }).expect(200);
    const raisedAgain = await statusOf(gateway.app, org, cap.id);
    clock.advance(60_000);
    await request(gateway.app).patch(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).send({ limitUsd: 119.99 }).expect(200);
    const lowered = await statusOf(gateway.app, org, cap.id);

    expect(raised).toMatchObject({ limitUsd: '200', alertState: 'warning', warnThreshold: 0.5, remainingUsd: '80', alertStateSince: '2026-05-15T12:01:00.000Z' });
    expect(raisedAgain).toMatchObject({ limitUsd: '1000', alertState: 'ok', remainingUsd: '880' });
    expect(lowered).toMatchObject({ limitUsd: '119.99', alertState: 'exceeded', alertStateSince: '2026-05-15T12:03:00.000Z' });
    const events = await alertEvents(gateway.app, org);
    expect(transitions(events)).toEqual(['ok→exceeded', 'exceeded→warning@0.5', 'warning@0.5→ok', 'ok→exceeded']);
    expect(events.map((event) => event.reason)).toEqual(['spend', 'cap_changed', 'cap_changed', 'cap_changed']);
  });

  test('when the warn thresholds are changed mid-period, then the state follows at once', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100 });
    await spendAndSettle('60');
    expect((await statusOf(gateway.app, org, cap.id)).alertState).toBe('ok');

    await request(gateway.app).patch(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).send({ warnAt: [0.25, 0.5] }).expect(200);

    expect(await statusOf(gateway.app, org, cap.id)).toMatchObject({ alertState: 'warning', warnThreshold: 0.5, warnAt: [0.25, 0.5] });
    expect(transitions(await alertEvents(gateway.app, org))).toEqual(['ok→warning@0.5']);
  });

  test('when untagged and other-tagged spend arrives, then it never counts toward a dimension cap but counts toward the org cap', async () => {
    const finance = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 20 });
    const whole = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 20 });
    const team = await createBudget(gateway.app, org, { dimension: 'team', value: 'data-analytics', limitUsd: 20 });

    await spendAndSettle('10', { costCenter: 'finance' });
    await spend(gateway.app, org, '5', MID_MAY, { costCenter: null, team: null, project: null });
    await spend(gateway.app, org, '7', MID_MAY, { costCenter: 'ops' });
    await gateway.gateway.drain();

    const statuses = await budgetStatus(gateway.app, org);
    const byId = new Map(statuses.map((status) => [status.budgetId, status]));
    expect(byId.get(finance.id)).toMatchObject({ spentUsd: '10', alertState: 'ok' });
    expect(byId.get(whole.id)).toMatchObject({ spentUsd: '22', alertState: 'exceeded' });
    // docsExampleTrace tags team "data-analytics" unless told otherwise: the finance and ops traces count, the untagged one does not.
    expect(byId.get(team.id)).toMatchObject({ spentUsd: '17' });
    expect(spendState(byId.get(team.id)!)).toBe('warning');
  });

  test('when a period rolls over, then exceeded goes back to ok with a period_rollover event dated at the period start', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10 });
    await spendAndSettle('11');

    clock.set('2026-06-03T09:00:00Z');
    const june = await statusOf(gateway.app, org, cap.id);

    expect(june).toMatchObject({ periodStart: '2026-06-01T00:00:00.000Z', spentUsd: '0', alertState: 'ok', alertStateSince: '2026-06-01T00:00:00.000Z' });
    const events = await alertEvents(gateway.app, org);
    expect(transitions(events)).toEqual(['ok→exceeded', 'exceeded→ok']);
    expect(events[1]).toMatchObject({ reason: 'period_rollover', type: 'budget.ok', periodStart: '2026-06-01T00:00:00.000Z', occurredAt: '2026-06-03T09:00:00.000Z' });
  });

  test('when a period rolls over at an unchanged level, then no event is recorded', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10 });
    await spendAndSettle('1');

    clock.set('2026-06-03T09:00:00Z');
    await statusOf(gateway.app, org, cap.id);

    expect(await alertEvents(gateway.app, org)).toEqual([]);
    const { rows } = await gateway.ownerPool.query('SELECT period_start FROM budget_alert_states WHERE org_id = $1', [org.orgId]);
    expect(rows[0].period_start).toEqual(new Date('2026-06-01T00:00:00Z'));
  });

  test('when a cap is deleted, then its events stay listed', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10 });
    await spendAndSettle('11');

    await request(gateway.app).delete(`/api/v1/cost/budgets/${cap.id}`).set(org.auth).expect(204);

    expect(transitions(await alertEvents(gateway.app, org, cap.id))).toEqual(['ok→exceeded']);
  });

  test('when events span several pages, then following nextCursor lists each once, newest first', async () => {
    const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100, warnAt: [0.1, 0.2, 0.3, 0.4, 0.5] });
    for (const costUsd of ['10', '10', '10', '10', '10', '50']) {
      clock.advance(1000);
      await spendAndSettle(costUsd);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { limit: 4, budgetId: cap.id, ...(cursor ? { cursor } : {}) };
      const page = await request(gateway.app).get('/api/v1/cost/budgets/events').query(query).set(org.auth).expect(200);
      seen.push(...page.body.events.map((event: { toThreshold: number | null; toState: string }) => `${event.toState}@${event.toThreshold}`));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen).toEqual(['exceeded@null', 'warning@0.5', 'warning@0.4', 'warning@0.3', 'warning@0.2', 'warning@0.1']);
  });
});

/**
 * The spend-based state behind a status: `projected_to_exceed` (derived from the forecast on read) stands in for
 * `ok` or `warning`, which `warnThreshold` tells apart. $9 of a $10 cap by mid-month is, rightly, projected to exceed.
 */
function spendState(status: { alertState: string; warnThreshold: number | null; breachProbability: number | null }): string {
  if (status.alertState !== 'projected_to_exceed') return status.alertState;
  expect(status.breachProbability).toBeGreaterThanOrEqual(1);
  return status.warnThreshold === null ? 'ok' : 'warning';
}

describe('exactly once under concurrency', () => {
  test('when concurrent ingests and status reads cross a threshold together, then exactly one event is recorded', async () => {
    await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100, warnAt: [0.8] });
    await spendAndSettle('70');

    await Promise.all([
      ...Array.from({ length: 8 }, () => spend(gateway.app, org, '2', MID_MAY, { costCenter: 'finance' })),
      ...Array.from({ length: 8 }, () => budgetStatus(gateway.app, org)),
    ]);
    await gateway.gateway.drain();
    await budgetStatus(gateway.app, org);

    expect(transitions(await alertEvents(gateway.app, org))).toEqual(['ok→warning@0.8']);
  });

  test('when several gateway replicas evaluate the same crossing at the same moment, then exactly one event and one delivery are recorded', async () => {
    const replicas = [createTestGateway({ forecastAlertProbability: 1 }, { now: clock.now }), createTestGateway({ forecastAlertProbability: 1 }, { now: clock.now })];
    try {
      const cap = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 100, warnAt: [] });
      await request(gateway.app).post('/api/v1/webhooks').set(org.auth).send({ url: 'http://127.0.0.1:9/unused' }).expect(201);
      // Spend (trace and both rollups, as ingest writes them) written behind the gateways' backs, so no ingest
      // evaluation runs first: only the racing status reads see it.
      await gateway.ownerPool.query(
        `WITH trace AS (
           INSERT INTO execution_traces (org_id, id, agent_id, model_id, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
             unsplit_tokens, total_tokens, cost_usd, pricing_source, cost_center, occurred_at, received_at)
           VALUES ($1, gen_random_uuid(), 'a', 'm', 0, 0, 0, 0, 0, 0, 150, 'provided', 'finance', $2, $2)
         ), daily AS (
           INSERT INTO cost_rollups_daily (org_id, day, agent_id, model_id, cost_center, project, team, pricing_source, spend_usd, trace_count,
             input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens, unpriced_trace_count, unpriced_tokens)
           VALUES ($1, date_trunc('day', $2::timestamptz, 'UTC'), 'a', 'm', 'finance', '', '', 'provided', 150, 1, 0, 0, 0, 0, 0, 0, 0)
         )
         INSERT INTO cost_rollups_hourly (org_id, hour, agent_id, model_id, cost_center, project, team, spend_usd, trace_count, input_tokens,
           output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens, unpriced_trace_count, unpriced_tokens)
         VALUES ($1, date_trunc('hour', $2::timestamptz, 'UTC'), 'a', 'm', 'finance', '', '', 150, 1, 0, 0, 0, 0, 0, 0, 0)`,
        [org.orgId, MID_MAY],
      );

      const reads = await Promise.all(
        Array.from({ length: 12 }, (_, i) => request(replicas[i % 2]!.app).get('/api/v1/cost/budgets/status').set(org.auth).expect(200)),
      );

      expect(reads.every((read) => read.body.budgets[0].alertState === 'exceeded')).toBe(true);
      const events = await alertEvents(gateway.app, org, cap.id);
      expect(transitions(events)).toEqual(['ok→exceeded']);
      const deliveries = await gateway.ownerPool.query('SELECT event_id FROM webhook_deliveries WHERE org_id = $1', [org.orgId]);
      expect(deliveries.rows).toEqual([{ event_id: events[0]!.id }]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
