import { Decimal } from '@finops/pricing';
import { ConflictError } from '../../errors';
import type { ReservationChange, StoredReservation } from './guard-reservations.repository';

/**
 * What settling a reservation with `actualCostUsd` (absent or 0: the action cost nothing or did not happen) does:
 *
 * - `held` → `released` (no cost: the hold is freed at once) or `settled` (the hold becomes the actual cost, kept
 *   until the trace naming the reservation arrives, for at most one more lease: the breaker counts ingested spend,
 *   so the cost is held, not spent, until its trace is stored);
 * - the same settle again, or any settle after a trace consumed the reservation, changes nothing (idempotent);
 * - a different amount after a settle, or any settle after the lease ended, is refused (409): the hold was
 *   already replaced or released, and silently moving it again would make counts depend on retry order.
 *
 * Returns undefined when nothing changes.
 */
export function settleChange(stored: StoredReservation, actualCostUsd: string | undefined, now: Date, leaseMs: number): ReservationChange | undefined {
  const actual = new Decimal(actualCostUsd ?? 0);
  if (stored.status === 'consumed') return undefined;
  if (stored.status === 'expired' || ((stored.status === 'held' || stored.status === 'settled') && stored.expiresAt.getTime() <= now.getTime())) {
    throw new ConflictError(`Reservation ${stored.id} expired at ${stored.expiresAt.toISOString()}; its hold was released (ingest the trace: its cost counts)`);
  }
  if (stored.status === 'settled' || stored.status === 'released') {
    const settled = new Decimal(stored.settledUsd ?? 0);
    if (settled.equals(actual)) return undefined;
    throw new ConflictError(`Reservation ${stored.id} was already settled at ${settled.toFixed()} USD`);
  }
  const heldDeltaUsd = actual.minus(stored.heldUsd).toFixed();
  if (actual.isZero()) {
    return { status: 'released', heldUsd: '0', settledUsd: '0', expiresAt: stored.expiresAt, endedAt: now, heldDeltaUsd };
  }
  return { status: 'settled', heldUsd: actual.toFixed(), settledUsd: actual.toFixed(), expiresAt: new Date(now.getTime() + leaseMs), endedAt: null, heldDeltaUsd };
}
