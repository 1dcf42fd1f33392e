import { randomUUID } from 'node:crypto';
import { GuardReservationSchema, ProblemSchema, type TraceIngest } from '@finops/contracts';
import pino from 'pino';
import request from 'supertest';
import { GuardReservationsRepository } from '../../src/modules/guard/guard-reservations.repository';
import { GuardSweep } from '../../src/modules/guard/guard-sweep';
import { SpendRepository } from '../../src/modules/spend/spend.repository';
import { spend } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { createOrg, docsExampleTrace, type TestOrg } from '../support/factories';
import { counterOf, countersOf, createPolicy, guardCheck, reservationOf, reservationsOf } from '../support/guard';
import { ingestTraces } from '../support/report-dataset';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

const LEASE_MS = 60_000;
const clock = new TestClock(new Date('2026-05-15T12:00:00Z'));
let gateway: TestGateway;
let org: TestOrg;

beforeAll(() => {
  gateway = createTestGateway({ guard: { leaseMs: LEASE_MS } }, { now: clock.now });
});
beforeEach(async () => {
  clock.set('2026-05-15T12:00:00Z');
  org = await createOrg(gateway.app);
});
afterAll(() => gateway.close());

const api = () => request(gateway.app);
const check = (body: object) => guardCheck(gateway.app, org, body);
const settle = (body: object) => api().post('/api/v1/guard/settle').set(org.auth).send(body);
const trace = (fields: Partial<TraceIngest>) => api().post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace({ occurredAt: clock.now().toISOString(), ...fields }));

describe('guard check: allow and deny at the edge of the cap', () => {
  test('when estimates add up to exactly the limit, then all are allowed and the next one is denied naming the policy', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1, periodType: 'daily' });

    const first = await check({ agentId: 'a1', estimatedCostUsd: 0.6 });
    const second = await check({ agentId: 'a2', estimatedCostUsd: '0.4' });
    const third = await check({ agentId: 'a1', estimatedCostUsd: '0.000000000001' });

    expect(first).toMatchObject({ decision: 'allow', reservedUsd: '0.6', remainingUsd: '0.4', policy: { id: policy.id, spentUsd: '0', reservedUsd: '0.6' } });
    expect(first.reservationId).toBeDefined();
    expect(first.expiresAt).toBe('2026-05-15T12:01:00.000Z');
    expect(second).toMatchObject({ decision: 'allow', remainingUsd: '0' });
    expect(third).toMatchObject({
      decision: 'deny',
      reason: 'cap_exceeded',
      remainingUsd: '0',
      policy: { id: policy.id, scope: 'org', agentId: null, periodType: 'daily', limitUsd: '1', periodStart: '2026-05-15T00:00:00.000Z', periodEnd: '2026-05-16T00:00:00.000Z', reservedUsd: '1' },
    });
    expect(third.reservationId).toBeUndefined();
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0', reserved_usd: '1' });
    expect((await reservationsOf(gateway.ownerPool, org.orgId)).map((r) => [r.status, r.held_usd])).toEqual([['held', '0.6'], ['held', '0.4']]);
  });

  test('when an estimate is larger than what is left, then it is denied with what is left, and a smaller one still fits', async () => {
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    await spend(gateway.app, org, '0.7', clock.now().toISOString());

    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.31' })).toMatchObject({ decision: 'deny', remainingUsd: '0.3', policy: { spentUsd: '0.7' } });
    expect(await check({ agentId: 'a1', estimatedCostUsd: '0.3' })).toMatchObject({ decision: 'allow', remainingUsd: '0' });
  });

  test('when spend reached the limit without any check, then even a check without an estimate is denied', async () => {
    await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 0.5 });
    await spend(gateway.app, org, '0.5', clock.now().toISOString(), { agentId: 'a1' });

    expect(await check({ agentId: 'a1' })).toMatchObject({ decision: 'deny', remainingUsd: '0' });
    expect(await check({ agentId: 'a2' })).toEqual({ decision: 'allow', remainingUsd: null });
  });

  test('when no policy applies to the agent, then the check is allowed with nothing reserved', async () => {
    await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'other', limitUsd: 0.01 });

    expect(await check({ agentId: 'a1', estimatedCostUsd: 1000 })).toEqual({ decision: 'allow', remainingUsd: null });
    expect(await reservationsOf(gateway.ownerPool, org.orgId)).toEqual([]);
  });
});

describe('guard check: several policies', () => {
  test('when an org and an agent policy apply, then the most restrictive decides and the estimate is held on both', async () => {
    const orgPolicy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 10, periodType: 'monthly' });
    const agentPolicy = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 1, periodType: 'daily' });

    const allowed = await check({ agentId: 'a1', estimatedCostUsd: 0.75 });
    const denied = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });
    const otherAgent = await check({ agentId: 'a2', estimatedCostUsd: 5 });

    expect(allowed).toMatchObject({ decision: 'allow', remainingUsd: '0.25', policy: { id: agentPolicy.id } });
    expect(denied).toMatchObject({ decision: 'deny', remainingUsd: '0.25', policy: { id: agentPolicy.id, periodType: 'daily' } });
    expect(otherAgent).toMatchObject({ decision: 'allow', remainingUsd: '4.25', policy: { id: orgPolicy.id } });
    expect(await counterOf(gateway.ownerPool, org.orgId, orgPolicy.id)).toMatchObject({ reserved_usd: '5.75' });
    expect(await counterOf(gateway.ownerPool, org.orgId, agentPolicy.id)).toMatchObject({ reserved_usd: '0.75' });
  });

  test('when the org policy is the tighter one, then it denies even though the agent policy has room', async () => {
    const orgPolicy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1, periodType: 'weekly' });
    await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 100, periodType: 'monthly' });

    const denied = await check({ agentId: 'a1', estimatedCostUsd: 2 });

    expect(denied).toMatchObject({ decision: 'deny', policy: { id: orgPolicy.id, periodStart: '2026-05-11T00:00:00.000Z', periodEnd: '2026-05-18T00:00:00.000Z' } });
    expect(await reservationsOf(gateway.ownerPool, org.orgId)).toEqual([]);
  });

  test('when a limit is patched or a policy deleted, then the next check applies it', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    await check({ agentId: 'a1', estimatedCostUsd: 1 });

    await api().patch(`/api/v1/guard/policies/${policy.id}`).set(org.auth).send({ limitUsd: 1.5 }).expect(200);
    const afterPatch = await check({ agentId: 'a1', estimatedCostUsd: 0.6 });
    await api().delete(`/api/v1/guard/policies/${policy.id}`).set(org.auth).expect(204);
    const afterDelete = await check({ agentId: 'a1', estimatedCostUsd: 0.6 });

    expect(afterPatch).toMatchObject({ decision: 'deny', remainingUsd: '0.5' });
    expect(afterDelete).toEqual({ decision: 'allow', remainingUsd: null });
    expect(await countersOf(gateway.ownerPool, org.orgId)).toEqual([]);
  });
});

describe('guard check: estimates from tokens', () => {
  test('when max tokens and a model are sent, then the price in effect now (the org’s override) prices the estimate', async () => {
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    await api().put('/api/v1/cost/models/Test-Model').set(org.auth).send({ inputUsdPerMTok: 2, outputUsdPerMTok: 8, effectiveFrom: '2026-01-01' }).expect(200);
    await api().put('/api/v1/cost/models/test-model').set(org.auth).send({ inputUsdPerMTok: 4, outputUsdPerMTok: 16, effectiveFrom: '2026-06-01' }).expect(200);

    // 1,000 × $2 + 500 × $8 per 1M tokens; the June price is not in effect yet on the clock's 15 May.
    expect(await check({ agentId: 'a1', modelId: 'TEST-MODEL', maxInputTokens: 1000, maxOutputTokens: 500 })).toMatchObject({ decision: 'allow', reservedUsd: '0.006' });
    expect(await check({ agentId: 'a1', modelId: 'test-model', maxOutputTokens: 1000 })).toMatchObject({ reservedUsd: '0.008' });
  });

  test('when the model has no price, then the check is 400 on modelId and nothing is reserved', async () => {
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });

    const response = await api().post('/api/v1/guard/check').set(org.auth).send({ agentId: 'a1', modelId: 'in-house-llm', maxInputTokens: 10 }).expect(400);

    expect(ProblemSchema.parse(response.body).invalid_params).toEqual([{ name: 'modelId', reason: expect.stringMatching(/no price/), in: 'body' }]);
    expect(await reservationsOf(gateway.ownerPool, org.orgId)).toEqual([]);
  });

  test.each([
    ['no agentId', { estimatedCostUsd: 1 }, ['agentId']],
    ['an estimate and tokens at once', { agentId: 'a1', modelId: 'gpt-4o', estimatedCostUsd: 1, maxInputTokens: 5 }, ['estimatedCostUsd']],
    ['tokens without a model', { agentId: 'a1', maxOutputTokens: 5 }, ['modelId']],
    ['a negative estimate and fractional tokens', { agentId: 'a1', modelId: 'gpt-4o', estimatedCostUsd: -1, maxInputTokens: 1.5 }, ['estimatedCostUsd', 'maxInputTokens']],
    ['an unknown field', { agentId: 'a1', estimatedCost: 1 }, ['estimatedCost']],
  ])('when the check has %s, then 400 names every invalid field', async (_name, body, fields) => {
    const response = await api().post('/api/v1/guard/check').set(org.auth).send(body).expect(400);

    expect(ProblemSchema.parse(response.body).invalid_params!.map((param) => param.name).sort()).toEqual([...fields].sort());
  });
});

describe('guard reservations: settle by trace, by /settle, expiry', () => {
  test('when the trace of an allowed action names its reservation, then its cost replaces the hold', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const allowed = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });

    const stored = await trace({ agentId: 'a1', costUsd: '0.2', reservationId: allowed.reservationId }).expect(201);
    const next = await check({ agentId: 'a1', estimatedCostUsd: 0.8 });

    expect(await reservationOf(gateway.ownerPool, org.orgId, allowed.reservationId!)).toMatchObject({ status: 'consumed', held_usd: '0', trace_id: stored.body.id });
    expect(next).toMatchObject({ decision: 'allow', remainingUsd: '0', policy: { spentUsd: '0.2', reservedUsd: '0.8' } });
    const { rows } = await gateway.ownerPool.query('SELECT reservation_id FROM execution_traces WHERE org_id = $1 AND id = $2', [org.orgId, stored.body.id]);
    expect(rows[0].reservation_id).toBe(allowed.reservationId);
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0.2', reserved_usd: '0.8' });
  });

  test('when a second trace names an already consumed reservation, then its cost counts once and nothing is released twice', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const allowed = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });
    await check({ agentId: 'a1', estimatedCostUsd: 0.25 });

    await trace({ agentId: 'a1', costUsd: '0.1', reservationId: allowed.reservationId }).expect(201);
    await trace({ agentId: 'a1', costUsd: '0.1', reservationId: allowed.reservationId }).expect(201);

    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0.2', reserved_usd: '0.25' });
  });

  test('when a reservation is released through /settle, then exactly its estimate is freed, and settling again changes nothing', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const kept = await check({ agentId: 'a1', estimatedCostUsd: 0.3 });
    const released = await check({ agentId: 'a1', estimatedCostUsd: 0.45 });

    const first = await settle({ reservationId: released.reservationId }).expect(200);
    const again = await settle({ reservationId: released.reservationId, actualCostUsd: 0 }).expect(200);

    expect(GuardReservationSchema.parse(first.body)).toMatchObject({ id: released.reservationId, status: 'released', estimateUsd: '0.45', heldUsd: '0', settledUsd: '0' });
    expect(again.body).toEqual(first.body);
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ reserved_usd: '0.3' });
    expect(await reservationOf(gateway.ownerPool, org.orgId, kept.reservationId!)).toMatchObject({ status: 'held', held_usd: '0.3' });
  });

  test('when /settle reports the actual cost, then it is held instead of the estimate until the trace arrives and counts it', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const allowed = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });

    const settled = GuardReservationSchema.parse((await settle({ reservationId: allowed.reservationId, actualCostUsd: '0.125' }).expect(200)).body);
    const repeated = await settle({ reservationId: allowed.reservationId, actualCostUsd: 0.125 }).expect(200);
    const conflicting = await settle({ reservationId: allowed.reservationId, actualCostUsd: 0.2 }).expect(409);
    const held = await counterOf(gateway.ownerPool, org.orgId, policy.id);
    await trace({ agentId: 'a1', costUsd: '0.125', reservationId: allowed.reservationId }).expect(201);

    expect(settled).toMatchObject({ status: 'settled', heldUsd: '0.125', settledUsd: '0.125', expiresAt: '2026-05-15T12:01:00.000Z' });
    expect(repeated.body).toEqual(settled);
    expect(ProblemSchema.parse(conflicting.body).detail).toMatch(/already settled at 0.125/);
    expect(held).toMatchObject({ spent_usd: '0', reserved_usd: '0.125' });
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0.125', reserved_usd: '0' });
    const afterTrace = await settle({ reservationId: allowed.reservationId, actualCostUsd: 0.125 }).expect(200);
    expect(afterTrace.body).toMatchObject({ status: 'consumed', heldUsd: '0' });
  });

  test('when a lease ends, then the next check no longer counts the hold, and settling it is 409', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const forgotten = await check({ agentId: 'a1', estimatedCostUsd: 0.9 });
    clock.advance(LEASE_MS - 1);
    const beforeExpiry = await check({ agentId: 'a2', estimatedCostUsd: 0.5 });

    clock.advance(1);
    const atExpiry = await check({ agentId: 'a2', estimatedCostUsd: 0.5 });

    expect(beforeExpiry.decision).toBe('deny');
    expect(atExpiry).toMatchObject({ decision: 'allow', remainingUsd: '0.5', policy: { reservedUsd: '0.5' } });
    expect(await reservationOf(gateway.ownerPool, org.orgId, forgotten.reservationId!)).toMatchObject({ status: 'expired', held_usd: '0' });
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ reserved_usd: '0.5' });
    const late = await settle({ reservationId: forgotten.reservationId, actualCostUsd: 0.1 }).expect(409);
    expect(ProblemSchema.parse(late.body).detail).toMatch(/expired at 2026-05-15T12:01:00.000Z/);
  });

  test('when a hold expires on a policy only other agents are checked against, then those checks release it too', async () => {
    const orgPolicy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const agentPolicy = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 1 });
    await check({ agentId: 'a1', estimatedCostUsd: 0.9 });
    clock.advance(LEASE_MS);

    expect(await check({ agentId: 'a2', estimatedCostUsd: 1 })).toMatchObject({ decision: 'allow' });
    expect(await counterOf(gateway.ownerPool, org.orgId, orgPolicy.id)).toMatchObject({ reserved_usd: '1' });
    expect(await counterOf(gateway.ownerPool, org.orgId, agentPolicy.id)).toMatchObject({ reserved_usd: '0' });
  });

  test('when a trace names an expired reservation, then its cost counts and nothing more is released', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    const forgotten = await check({ agentId: 'a1', estimatedCostUsd: 0.4 });
    clock.advance(LEASE_MS);
    await check({ agentId: 'a1', estimatedCostUsd: 0.3 });

    await trace({ agentId: 'a1', costUsd: '0.2', reservationId: forgotten.reservationId }).expect(201);

    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0.2', reserved_usd: '0.3' });
    expect(await reservationOf(gateway.ownerPool, org.orgId, forgotten.reservationId!)).toMatchObject({ status: 'expired', trace_id: null });
  });

  test('when /settle is sent a bad or unknown reservation, then 400 and 404 problems answer', async () => {
    const invalid = await settle({ reservationId: 'nope', actualCostUsd: -1, extra: true }).expect(400);
    const unknown = await settle({ reservationId: randomUUID() }).expect(404);

    expect(ProblemSchema.parse(invalid.body).invalid_params!.map((param) => param.name).sort()).toEqual(['actualCostUsd', 'extra', 'reservationId']);
    expect(ProblemSchema.parse(unknown.body).type).toMatch(/not-found$/);
  });

  test('when a trace names a reservation that does not exist, then the trace is stored and counted anyway', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1 });
    await check({ agentId: 'a1' });

    await trace({ agentId: 'a1', costUsd: '0.3', reservationId: randomUUID() }).expect(201);
    const invalid = await trace({ agentId: 'a1', costUsd: '0.3', reservationId: 'not-a-uuid' }).expect(400);

    expect(ProblemSchema.parse(invalid.body).invalid_params).toEqual([expect.objectContaining({ name: 'reservationId' })]);
    expect(await counterOf(gateway.ownerPool, org.orgId, policy.id)).toMatchObject({ spent_usd: '0.3', reserved_usd: '0' });
  });
});

describe('guard sweep', () => {
  test('when no check comes along, then the sweep releases ended leases, folds ingest deltas and later deletes finished reservations', async () => {
    const policy = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 1 });
    const forgotten = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });
    const released = await check({ agentId: 'a1', estimatedCostUsd: 0.25 });
    await settle({ reservationId: released.reservationId }).expect(200);
    await trace({ agentId: 'a1', costUsd: '0.125' }).expect(201);
    // Interval 0: every delta already stored is old enough to fold.
    const sweep = new GuardSweep(new GuardReservationsRepository(gateway.pool), clock.now, { intervalMs: 0, retentionMs: LEASE_MS }, pino({ level: 'silent' }));

    clock.advance(LEASE_MS);
    await sweep.sweepOnce();
    const afterRelease = await reservationsOf(gateway.ownerPool, org.orgId);
    const { rows: stored } = await gateway.ownerPool.query(
      `SELECT trim_scale(spent_usd)::text AS spent, trim_scale(reserved_usd)::text AS reserved,
         (SELECT count(*)::int FROM guard_counter_deltas WHERE org_id = $1) AS deltas
       FROM guard_counters WHERE org_id = $1 AND policy_id = $2`,
      [org.orgId, policy.id],
    );
    clock.advance(LEASE_MS + 1);
    await sweep.sweepOnce();

    expect(afterRelease.map((row) => [row.id, row.status, row.held_usd])).toEqual([
      [forgotten.reservationId, 'expired', '0'],
      [released.reservationId, 'released', '0'],
    ]);
    expect(stored).toEqual([{ spent: '0.125', reserved: '0', deltas: 0 }]);
    expect(await reservationsOf(gateway.ownerPool, org.orgId)).toEqual([]);
  });
});

describe('guard periods', () => {
  test('when the day ends, then a daily policy starts from zero at midnight UTC while a monthly one keeps counting', async () => {
    clock.set('2026-03-31T23:59:00Z');
    const daily = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 1, periodType: 'daily' });
    const monthly = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 5, periodType: 'monthly' });
    await spend(gateway.app, org, '1', '2026-03-31T23:58:00Z', { agentId: 'a1' });
    const lastMinute = await check({ agentId: 'a1', estimatedCostUsd: 0.01 });

    clock.set('2026-04-01T00:00:00Z');
    const newDay = await check({ agentId: 'a1', estimatedCostUsd: 1 });
    await spend(gateway.app, org, '0.25', '2026-03-31T23:59:30Z', { agentId: 'a1' });

    expect(lastMinute).toMatchObject({ decision: 'deny', policy: { id: daily.id, periodStart: '2026-03-31T00:00:00.000Z' } });
    expect(newDay).toMatchObject({ decision: 'allow', policy: { id: daily.id, periodStart: '2026-04-01T00:00:00.000Z', spentUsd: '0', reservedUsd: '1' } });
    expect(await counterOf(gateway.ownerPool, org.orgId, daily.id, '2026-03-31T00:00:00Z')).toMatchObject({ spent_usd: '1.25', reserved_usd: '0' });
    expect(await counterOf(gateway.ownerPool, org.orgId, daily.id, '2026-04-01T00:00:00Z')).toMatchObject({ spent_usd: '0', reserved_usd: '1' });
    expect(await counterOf(gateway.ownerPool, org.orgId, monthly.id, '2026-04-01T00:00:00Z')).toMatchObject({ spent_usd: '0', reserved_usd: '1' });
  });

  test('when a week ends on Sunday night, then a weekly policy rolls over on Monday 00:00 UTC', async () => {
    clock.set('2026-05-17T23:59:59Z');
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1, periodType: 'weekly' });
    await check({ agentId: 'a1', estimatedCostUsd: 1 });
    const sunday = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });

    clock.set('2026-05-18T00:00:00Z');
    const monday = await check({ agentId: 'a1', estimatedCostUsd: 0.5 });

    expect(sunday).toMatchObject({ decision: 'deny', policy: { periodStart: '2026-05-11T00:00:00.000Z' } });
    expect(monday).toMatchObject({ decision: 'allow', policy: { periodStart: '2026-05-18T00:00:00.000Z', periodEnd: '2026-05-25T00:00:00.000Z' } });
  });
});

describe('guard spend equals ingested spend', () => {
  test('when checked and unchecked traces, batches, replays and backfills are mixed, then every counter equals the spend query for its period', async () => {
    await spend(gateway.app, org, '0.5', '2026-05-15T01:00:00Z', { agentId: 'a1' });
    const orgPolicy = await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 100, periodType: 'monthly' });
    const agentPolicy = await createPolicy(gateway.app, org, { scope: 'agent', agentId: 'a1', limitUsd: 50, periodType: 'daily' });
    const first = await check({ agentId: 'a1', estimatedCostUsd: 1 });
    await trace({ agentId: 'a1', costUsd: '0.75', reservationId: first.reservationId, idempotencyKey: 'k1' }).expect(201);
    await trace({ agentId: 'a1', costUsd: '0.75', reservationId: first.reservationId, idempotencyKey: 'k1' }).expect(201);
    await trace({ agentId: 'a2', modelId: 'gpt-4o-mini', tokensUsed: 1500, inputTokens: 1000, outputTokens: 500, occurredAt: '2026-05-15T11:30:00Z' }).expect(201);
    await ingestTraces(gateway.app, org, [
      docsExampleTrace({ agentId: 'a1', costUsd: '0.333333333333', occurredAt: '2026-05-15T06:00:00Z' }),
      docsExampleTrace({ agentId: 'a3', costUsd: '2', occurredAt: '2026-05-02T00:00:00Z' }),
      docsExampleTrace({ agentId: 'a1', costUsd: '7', occurredAt: '2026-04-30T23:59:59.999Z' }),
    ]);
    // The next day's trace arrives on the next day (the gateway refuses traces more than 5 minutes past its clock).
    clock.set('2026-05-16T00:00:00Z');
    await ingestTraces(gateway.app, org, [docsExampleTrace({ agentId: 'a1', costUsd: '9', occurredAt: '2026-05-16T00:00:00Z' })]);
    clock.set('2026-05-15T12:00:00Z');
    await check({ agentId: 'a1', estimatedCostUsd: 0.1 });

    const spendRepository = new SpendRepository(gateway.pool);
    const month = { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') };
    const day = { from: new Date('2026-05-15T00:00:00Z'), to: new Date('2026-05-16T00:00:00Z') };
    expect((await counterOf(gateway.ownerPool, org.orgId, orgPolicy.id))!.spent_usd).toBe(await spendRepository.total(org.orgId, month));
    expect((await counterOf(gateway.ownerPool, org.orgId, agentPolicy.id, '2026-05-15T00:00:00Z'))!.spent_usd).toBe(
      await spendRepository.total(org.orgId, { ...day, filters: { agentId: 'a1' } }),
    );
    expect((await counterOf(gateway.ownerPool, org.orgId, agentPolicy.id, '2026-05-15T00:00:00Z'))!.spent_usd).toBe('1.583333333333');
    expect((await counterOf(gateway.ownerPool, org.orgId, orgPolicy.id))!.reserved_usd).toBe('0.1');
  });
});
