import type { GuardReservationStatus } from '@finops/contracts';
import type { DbClient, DbPool } from '../../db/pool';
import { inTenantTransaction } from '../../db/tenant';
import { SWEEP_COUNTERS } from './guard-counters.sql';
import type { GuardReservation } from './guard-policy';

/** A reservation with the counters it holds on (what a settle must adjust). */
export interface StoredReservation extends GuardReservation {
  holds: { policyId: string; periodStart: Date }[];
}

/** A settle's change: the reservation's new state, and what its counters' reserved amounts change by. */
export interface ReservationChange {
  status: GuardReservationStatus;
  heldUsd: string;
  settledUsd: string | null;
  expiresAt: Date;
  endedAt: Date | null;
  /** Added to the reserved amount of every counter the reservation holds on (negative frees). */
  heldDeltaUsd: string;
}

interface ReservationRow {
  id: string;
  agent_id: string;
  status: GuardReservationStatus;
  estimate_usd: string;
  held_usd: string;
  settled_usd: string | null;
  trace_id: string | null;
  expires_at: Date;
  created_at: Date;
  policy_ids: string[];
  period_starts: Date[];
}

const RESERVATION_COLUMNS = `id, agent_id, status, trim_scale(estimate_usd)::text AS estimate_usd, trim_scale(held_usd)::text AS held_usd,
  trim_scale(settled_usd)::text AS settled_usd, trace_id, expires_at, created_at, policy_ids, period_starts`;

function fromDbReservation(row: ReservationRow): StoredReservation {
  return {
    id: row.id,
    agentId: row.agent_id,
    status: row.status,
    estimateUsd: row.estimate_usd,
    heldUsd: row.held_usd,
    settledUsd: row.settled_usd,
    traceId: row.trace_id,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    holds: row.policy_ids.map((policyId, index) => ({ policyId, periodStart: row.period_starts[index]! })),
  };
}

async function adjustHolds(client: DbClient, orgId: string, reservation: StoredReservation, deltaUsd: string): Promise<void> {
  // Counters in the order checks lock them; this transaction already holds the reservation (ingest's order too).
  await client.query(
    `WITH locked AS (
       SELECT c.policy_id, c.period_start FROM guard_counters c
       JOIN unnest($2::uuid[], $3::timestamptz[]) AS h(policy_id, period_start) ON h.policy_id = c.policy_id AND h.period_start = c.period_start
       WHERE c.org_id = $1 ORDER BY c.policy_id, c.period_start FOR UPDATE OF c
     )
     UPDATE guard_counters c SET reserved_usd = c.reserved_usd + $4, updated_at = now()
     FROM locked l WHERE c.org_id = $1 AND c.policy_id = l.policy_id AND c.period_start = l.period_start`,
    [orgId, reservation.holds.map((hold) => hold.policyId), reservation.holds.map((hold) => hold.periodStart), deltaUsd],
  );
}

/** Reservations and counters outside the check path: settling, and the sweep (main pool). */
export class GuardReservationsRepository {
  constructor(private readonly pool: DbPool) {}

  /**
   * Locks the reservation, lets `decide` compute the change from what is stored now (it may throw to refuse), and
   * writes it with the counters' reserved amounts in one transaction. Undefined when the org has no such reservation.
   */
  change(orgId: string, id: string, decide: (stored: StoredReservation) => ReservationChange | undefined): Promise<StoredReservation | undefined> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      const { rows } = await client.query<ReservationRow>(`SELECT ${RESERVATION_COLUMNS} FROM guard_reservations WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
      if (rows.length === 0) return undefined;
      const stored = fromDbReservation(rows[0]!);
      const change = decide(stored);
      if (!change) return stored;
      const updated = await client.query<ReservationRow>(
        `UPDATE guard_reservations SET status = $3, held_usd = $4, settled_usd = $5, expires_at = $6, ended_at = $7, updated_at = now()
         WHERE org_id = $1 AND id = $2 RETURNING ${RESERVATION_COLUMNS}`,
        [orgId, id, change.status, change.heldUsd, change.settledUsd, change.expiresAt, change.endedAt],
      );
      if (change.heldDeltaUsd !== '0') await adjustHolds(client, orgId, stored, change.heldDeltaUsd);
      return fromDbReservation(updated.rows[0]!);
    });
  }

  /**
   * Orgs with a reservation whose lease ended by `now` or a delta older than `foldBefore` (system work across orgs,
   * outside row-level security).
   */
  async orgsToSweep(now: Date, foldBefore: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ org_id: string }>(
      `(SELECT DISTINCT org_id FROM guard_reservations WHERE status IN ('held', 'settled') AND expires_at <= $1 LIMIT $3)
       UNION
       (SELECT DISTINCT org_id FROM guard_counter_deltas WHERE created_at < $2 LIMIT $3)`,
      [now, foldBefore, limit],
    );
    return rows.map((row) => row.org_id);
  }

  /** Releases the org's expired holds and folds its deltas older than `foldBefore`, up to `limit` of each. */
  async sweepCounters(orgId: string, now: Date, foldBefore: Date, limit: number): Promise<{ released: number; folded: number }> {
    const { rows } = await inTenantTransaction(this.pool, orgId, (client) =>
      client.query<{ released: number; folded: number }>(SWEEP_COUNTERS, [orgId, limit, now, foldBefore]),
    );
    return rows[0] ?? { released: 0, folded: 0 };
  }

  /** Deletes up to `limit` reservations that ended before `cutoff` (system work across orgs). */
  async deleteEndedBefore(cutoff: Date, limit: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM guard_reservations WHERE (org_id, id) IN (SELECT org_id, id FROM guard_reservations WHERE ended_at < $1 LIMIT $2)`,
      [cutoff, limit],
    );
    return rowCount ?? 0;
  }
}
