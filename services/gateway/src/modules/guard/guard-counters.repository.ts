import type { GuardFailMode, GuardPeriodType, GuardScope } from '@finops/contracts';
import { Decimal } from '@finops/pricing';
import { connectBefore, runnerBefore } from '../../db/deadline';
import type { DbClient, DbPool } from '../../db/pool';
import { spendCountingLockSql } from '../../db/spend-counting-lock';
import { orgIdLiteral, tenantPreamble } from '../../db/tenant';
import { totalSpendWith } from '../spend/spend.repository';
import { counterKey, type CounterStanding } from './guard-decision';
import type { RememberedPolicy } from './guard-policy';
import { INSERT_COUNTERS, LOCK_CHECK_COUNTERS, SELECT_REMEMBERED_POLICIES, WRITE_CHECK_RESULTS } from './guard-counters.sql';

const NIL_ORG_ID = '00000000-0000-0000-0000-000000000000';
const WARM_UP_DEADLINE_MS = 10_000;

export interface GuardPeriod {
  type: GuardPeriodType;
  start: Date;
  end: Date;
}

export interface LockRequest {
  /** Agents of the checks in the batch (their agent policies apply, besides the org's). */
  agentIds: string[];
  /** The decision instant: leases ending at or before it are over. */
  now: Date;
  /** The current period of each period type at `now`. */
  periods: GuardPeriod[];
  /** Also read every policy of the org (to remember their fail modes). */
  withPolicies: boolean;
}

/** An applicable policy whose current period has no counter yet. */
export interface MissingCounter {
  policyId: string;
  agentId: string | null;
  periodStart: Date;
  periodEnd: Date;
}

export interface NewReservation {
  id: string;
  agentId: string;
  estimateUsd: string;
  holds: Pick<CounterStanding, 'policyId' | 'periodStart'>[];
}

export interface CheckWrites {
  /** Amounts the allowed checks add to counters' reserved amounts, by counterKey. */
  reservedDeltas: Map<string, string>;
  reservations: NewReservation[];
  expiresAt: Date;
}

export type ReserveOutcome<T> = { missing: MissingCounter[] } | { result: T; policies: RememberedPolicy[] | undefined };

interface LockedCounterRow {
  policy_id: string;
  period_start: Date;
  scope: GuardScope | null;
  agent_id: string | null;
  limit_usd: string | null;
  period_type: GuardPeriodType | null;
  fail_mode: GuardFailMode | null;
  period_end: Date | null;
  counted: boolean;
  spent_usd: string | null;
  reserved_usd: string | null;
  spent_delta: string;
  reserved_delta: string;
}

interface RememberedPolicyRow {
  id: string;
  scope: GuardScope;
  agent_id: string | null;
  period_type: GuardPeriodType;
  fail_mode: GuardFailMode;
  limit_usd: string;
}

const fromDbRememberedPolicy = (row: RememberedPolicyRow): RememberedPolicy => ({
  id: row.id,
  scope: row.scope,
  agentId: row.agent_id,
  periodType: row.period_type,
  failMode: row.fail_mode,
  limitUsd: row.limit_usd,
});

function fromDbCounterStanding(row: LockedCounterRow): CounterStanding {
  return {
    policyId: row.policy_id,
    scope: row.scope!,
    agentId: row.agent_id,
    periodType: row.period_type!,
    failMode: row.fail_mode!,
    limitUsd: row.limit_usd!,
    periodStart: row.period_start,
    periodEnd: row.period_end!,
    spentUsd: row.spent_usd!,
    reservedUsd: row.reserved_usd!,
  };
}

/** Each locked counter's change: what catching up found (folded deltas, freed holds) plus the allowed checks' holds. */
function counterChanges(rows: LockedCounterRow[], reservedDeltas: Map<string, string>) {
  const changes = rows
    .filter((row) => row.counted)
    .map((row) => ({
      row,
      spent: new Decimal(row.spent_delta),
      reserved: new Decimal(reservedDeltas.get(counterKey({ policyId: row.policy_id, periodStart: row.period_start })) ?? 0).plus(row.reserved_delta),
    }))
    .filter(({ spent, reserved }) => !spent.isZero() || !reserved.isZero());
  return {
    policyIds: changes.map(({ row }) => row.policy_id),
    periodStarts: changes.map(({ row }) => row.period_start),
    spent: changes.map(({ spent }) => spent.toFixed()),
    reserved: changes.map(({ reserved }) => reserved.toFixed()),
  };
}

/**
 * Guard counters and the check transaction, on a pool of its own in pipeline mode (statements that do not wait for
 * each other share a round trip). Every call is bounded by a deadline: a database that does not answer in time
 * costs the caller the deadline, never a hang, and its connection is closed rather than reused.
 */
export class GuardCountersRepository {
  constructor(private readonly pool: DbPool) {}

  /**
   * One check transaction for one org, in two round trips: (1) scope the transaction, lock the applicable counters
   * and catch them up (expired holds released, ingest's deltas folded in); then `decide` runs on the locked counters;
   * (2) write the counters' new amounts and the reservations, and commit (without waiting for the WAL flush; see the README on durability).
   * When a policy has no counter for its current period yet, nothing is written and the missing counters are
   * returned: initialise them (initialise) and call again.
   */
  async reserve<T>(
    orgId: string,
    deadlineAt: number,
    request: LockRequest,
    decide: (counters: CounterStanding[]) => { result: T; writes: CheckWrites },
  ): Promise<ReserveOutcome<T>> {
    return this.inTransaction(orgId, deadlineAt, async (client, begun) => {
      const runner = runnerBefore(client, deadlineAt);
      const periods = request.periods;
      const [, locked, policies] = await Promise.all([
        begun,
        runner.query<LockedCounterRow>({
          name: 'guard-lock-counters',
          text: LOCK_CHECK_COUNTERS,
          values: [orgId, request.agentIds, request.now, periods.map((p) => p.type), periods.map((p) => p.start), periods.map((p) => p.end)],
        }),
        request.withPolicies ? runner.query<RememberedPolicyRow>({ name: 'guard-policies', text: SELECT_REMEMBERED_POLICIES, values: [orgId] }) : undefined,
      ]);
      const applicable = locked.rows.filter((row) => row.scope !== null);
      const missing = applicable.filter((row) => !row.counted);
      if (missing.length > 0) {
        await runner.query({ text: 'ROLLBACK' });
        return {
          missing: missing.map((row) => ({ policyId: row.policy_id, agentId: row.agent_id, periodStart: row.period_start, periodEnd: row.period_end! })),
        };
      }
      const { result, writes } = decide(applicable.map(fromDbCounterStanding));
      const changes = counterChanges(locked.rows, writes.reservedDeltas);
      const holds = writes.reservations.flatMap((reservation) => reservation.holds.map((hold) => ({ reservation, hold })));
      await Promise.all([
        runner.query({
          name: 'guard-write-check',
          text: WRITE_CHECK_RESULTS,
          values: [
            orgId,
            changes.policyIds,
            changes.periodStarts,
            changes.spent,
            changes.reserved,
            writes.reservations.map((r) => r.id),
            writes.reservations.map((r) => r.agentId),
            writes.reservations.map((r) => r.estimateUsd),
            holds.map(({ reservation }) => reservation.id),
            holds.map(({ hold }) => hold.policyId),
            holds.map(({ hold }) => hold.periodStart),
            writes.expiresAt,
          ],
        }),
        runner.query({ text: 'COMMIT' }),
      ]);
      return { result, policies: policies?.rows.map(fromDbRememberedPolicy) };
    });
  }

  /**
   * Creates the missing counters from the spend already stored, under the org's spend-counting lock held
   * exclusively: ingests in flight finish first (their traces are in the total) and ingests starting meanwhile wait
   * (their statement then finds the counter and adds to it), so the counter equals the stored spend exactly.
   */
  async initialise(orgId: string, deadlineAt: number, missing: MissingCounter[]): Promise<void> {
    await this.inTransaction(orgId, deadlineAt, async (client, begun) => {
      const runner = runnerBefore(client, deadlineAt);
      await Promise.all([begun, runner.query({ text: `SELECT ${spendCountingLockSql(orgIdLiteral(orgId), 'exclusive')}` })]);
      // After the lock: a statement started now sees every ingest that committed before it was granted.
      const totals = await Promise.all(
        missing.map((counter) =>
          totalSpendWith(runner, orgId, { from: counter.periodStart, to: counter.periodEnd, filters: counter.agentId === null ? {} : { agentId: counter.agentId } }),
        ),
      );
      await Promise.all([
        runner.query({
          name: 'guard-insert-counters',
          text: INSERT_COUNTERS,
          values: [orgId, missing.map((m) => m.policyId), missing.map((m) => m.periodStart), missing.map((m) => m.periodEnd), missing.map((m) => m.agentId ?? ''), totals],
        }),
        runner.query({ text: 'COMMIT' }),
      ]);
    });
  }

  /**
   * Runs an empty check on `connections` connections at once, ahead of the first real checks (at start-up): each
   * connection is opened and has the check's statements prepared, and the code path is warm, so a new gateway does not
   * spend its first checks' deadlines on that. The org is the nil UUID, which no tenant has, so nothing is read or
   * written.
   */
  async warmUp(connections: number, periods: GuardPeriod[]): Promise<void> {
    const nothing = { result: undefined, writes: { reservedDeltas: new Map<string, string>(), reservations: [], expiresAt: new Date() } };
    const request: LockRequest = { agentIds: [], now: new Date(), periods, withPolicies: true };
    await Promise.all(
      Array.from({ length: connections }, () => this.reserve(NIL_ORG_ID, performance.now() + WARM_UP_DEADLINE_MS, request, () => nothing)),
    );
  }

  /**
   * Connects before the deadline and sends the tenant preamble without waiting for it (`begun`, to be awaited with
   * the first statement). Any failure closes the connection: the server rolls back what was not committed.
   */
  private async inTransaction<T>(orgId: string, deadlineAt: number, work: (client: DbClient, begun: Promise<unknown>) => Promise<T>): Promise<T> {
    const client = await connectBefore(this.pool, deadlineAt);
    try {
      const begun = runnerBefore(client, deadlineAt).query({ text: `BEGIN; ${tenantPreamble(orgId, { asyncCommit: true, genericPlans: true })}` });
      // Awaited together with the first statement; a failure before that must not surface as an unhandled rejection.
      begun.catch(() => undefined);
      const result = await work(client, begun);
      client.release();
      return result;
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }
}
