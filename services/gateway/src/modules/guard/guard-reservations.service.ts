import type { GuardSettle } from '@finops/contracts';
import { NotFoundError } from '../../errors';
import type { GuardReservation } from './guard-policy';
import type { GuardReservationsRepository } from './guard-reservations.repository';
import { settleChange } from './guard-settlement';

export class GuardReservationsService {
  constructor(
    private readonly repository: GuardReservationsRepository,
    private readonly now: () => Date,
    private readonly leaseMs: number,
  ) {}

  /** Replaces a reservation's hold with the actual cost (or releases it); see settleChange for every case. */
  async settle(orgId: string, input: GuardSettle): Promise<GuardReservation> {
    const now = this.now();
    const reservation = await this.repository.change(orgId, input.reservationId, (stored) => settleChange(stored, input.actualCostUsd, now, this.leaseMs));
    if (!reservation) throw new NotFoundError(`Reservation ${input.reservationId}`);
    return reservation;
  }
}
