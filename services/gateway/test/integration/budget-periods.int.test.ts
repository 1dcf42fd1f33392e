import { SpendRepository } from '../../src/modules/spend/spend.repository';
import { createBudget, spend, statusOf } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
const clock = new TestClock(new Date('2026-01-15T00:00:00Z'));

beforeAll(() => {
  gateway = createTestGateway({}, { now: clock.now });
});
afterAll(() => gateway.close());

/** The same period and filter summed by the report query and straight from the traces. */
async function referenceSpend(org: TestOrg, periodStart: string, periodEnd: string, costCenter?: string) {
  const filters = costCenter ? { costCenter } : {};
  const viaReports = await new SpendRepository(gateway.pool).total(org.orgId, { from: new Date(periodStart), to: new Date(periodEnd), filters });
  const { rows } = await gateway.ownerPool.query(
    `SELECT coalesce(trim_scale(sum(cost_usd)), 0)::text AS total FROM execution_traces
     WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND ($4::text IS NULL OR cost_center = $4)`,
    [org.orgId, periodStart, periodEnd, costCenter ?? null],
  );
  return { viaReports, viaSql: rows[0].total as string };
}

interface PeriodCase {
  name: string;
  cap: { periodType: string; timezone?: string };
  now: string;
  period: [string, string];
  /** [occurredAt, costUsd, counted in the period?] */
  traces: [string, string, boolean][];
}

const cases: PeriodCase[] = [
  {
    name: 'a monthly cap at the last second of January',
    cap: { periodType: 'monthly' },
    now: '2026-01-31T23:59:59.999Z',
    period: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    traces: [
      ['2025-12-31T23:59:59.999Z', '100', false],
      ['2026-01-01T00:00:00.000Z', '2', true],
      ['2026-01-31T23:59:59.999Z', '3', true],
      ['2026-02-01T00:00:00.000Z', '1000', false],
    ],
  },
  {
    name: 'a monthly cap at the first instant of February',
    cap: { periodType: 'monthly' },
    now: '2026-02-01T00:00:00.000Z',
    period: ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    traces: [
      ['2026-01-31T23:59:59.999Z', '3', false],
      ['2026-02-01T00:00:00.000Z', '1000', true],
    ],
  },
  {
    name: 'a daily cap on leap day 2024-02-29',
    cap: { periodType: 'daily' },
    now: '2024-02-29T12:00:00Z',
    period: ['2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    traces: [
      ['2024-02-28T23:59:59Z', '7', false],
      ['2024-02-29T00:00:00Z', '1.5', true],
      ['2024-02-29T23:59:59.999Z', '2.25', true],
      ['2024-03-01T00:00:00Z', '9', false],
    ],
  },
  {
    name: 'a monthly cap in February of a leap year',
    cap: { periodType: 'monthly' },
    now: '2024-02-29T23:59:59Z',
    period: ['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    traces: [
      ['2024-02-28T12:00:00Z', '4', true],
      ['2024-02-29T23:00:00Z', '5', true],
      ['2024-03-01T00:00:00Z', '9', false],
    ],
  },
  {
    name: 'a weekly cap on a Sunday night (weeks start on Monday)',
    cap: { periodType: 'weekly' },
    now: '2026-06-07T23:59:59Z',
    period: ['2026-06-01T00:00:00.000Z', '2026-06-08T00:00:00.000Z'],
    traces: [
      ['2026-05-31T23:59:59Z', '8', false],
      ['2026-06-01T00:00:00Z', '1', true],
      ['2026-06-07T23:59:58Z', '2', true],
    ],
  },
  {
    name: 'a quarterly cap at the first instant of Q2',
    cap: { periodType: 'quarterly' },
    now: '2026-04-01T00:00:00Z',
    period: ['2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
    traces: [
      ['2026-03-31T23:59:59.999Z', '50', false],
      ['2026-04-01T00:00:00Z', '5', true],
    ],
  },
  {
    name: 'a monthly cap in Asia/Kolkata (UTC+05:30, periods start inside an hour)',
    cap: { periodType: 'monthly', timezone: 'Asia/Kolkata' },
    now: '2026-03-10T00:00:00Z',
    period: ['2026-02-28T18:30:00.000Z', '2026-03-31T18:30:00.000Z'],
    traces: [
      ['2026-02-28T18:29:59.999Z', '11', false],
      ['2026-02-28T18:30:00Z', '1', true],
      ['2026-02-28T18:45:00Z', '2', true],
      ['2026-03-05T10:00:00Z', '3', true],
    ],
  },
  {
    name: 'a daily cap in New York on the day DST starts (23 hours)',
    cap: { periodType: 'daily', timezone: 'America/New_York' },
    now: '2026-03-08T20:00:00Z',
    period: ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    traces: [
      ['2026-03-08T04:59:59Z', '6', false],
      ['2026-03-08T05:00:00Z', '1', true],
      ['2026-03-09T03:59:59Z', '2', true],
      ['2026-03-09T04:00:00Z', '6', false],
    ],
  },
  {
    name: 'a daily cap in Berlin on the day DST ends (25 hours)',
    cap: { periodType: 'daily', timezone: 'Europe/Berlin' },
    now: '2026-10-25T12:00:00Z',
    period: ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    traces: [
      ['2026-10-24T21:59:59Z', '6', false],
      ['2026-10-24T22:00:00Z', '1', true],
      ['2026-10-25T22:59:59Z', '2', true],
    ],
  },
];

describe('budget periods at their boundaries', () => {
  test.each(cases)('when $name is read, then the period and its spend are exact and equal the report figure', async ({ cap, now, period, traces }) => {
    const org = await createOrg(gateway.app);
    clock.set(now);
    const budget = await createBudget(gateway.app, org, { dimension: 'costCenter', value: 'finance', limitUsd: 10_000, ...cap });
    // Each trace is sent when it happens (the gateway refuses traces dated more than 5 minutes past its clock).
    for (const [occurredAt, costUsd] of traces) {
      clock.set(occurredAt);
      await spend(gateway.app, org, costUsd, occurredAt, { costCenter: 'finance' });
    }

    clock.set(now);
    const status = await statusOf(gateway.app, org, budget.id);

    const expected = traces.filter(([, , counted]) => counted).reduce((sum, [, cost]) => sum + Number(cost), 0);
    expect([status.periodStart, status.periodEnd]).toEqual(period);
    expect(Number(status.spentUsd)).toBe(expected);
    const reference = await referenceSpend(org, period[0], period[1], 'finance');
    expect(status.spentUsd).toBe(reference.viaReports);
    expect(status.spentUsd).toBe(reference.viaSql);
  });

  test('when the clock passes the end of a period, then the status moves to the next period with its own spend', async () => {
    const org = await createOrg(gateway.app);
    clock.set('2026-05-31T23:59:59Z');
    const budget = await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 100, periodType: 'monthly' });
    await spend(gateway.app, org, '40', '2026-05-31T23:59:59Z');
    await spend(gateway.app, org, '3', '2026-06-01T00:00:00Z');

    const may = await statusOf(gateway.app, org, budget.id);
    clock.set('2026-06-01T00:00:00Z');
    const june = await statusOf(gateway.app, org, budget.id);

    expect([may.periodStart, may.spentUsd]).toEqual(['2026-05-01T00:00:00.000Z', '40']);
    expect([june.periodStart, june.spentUsd]).toEqual(['2026-06-01T00:00:00.000Z', '3']);
  });
});
