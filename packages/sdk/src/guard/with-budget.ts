import type { GuardCheck, GuardCheckResult, GuardReservation, GuardSettle } from '@finops/contracts';
import { GuardDeniedError } from '../errors';
import { inReservation } from './reservation-scope';

export interface BudgetedStepContext {
  /** The gateway's hold for this step; undefined when no policy applies (nothing is held). */
  reservationId: string | undefined;
  /** The step's actual cost in USD, a decimal string: the settle replaces the hold with it. */
  reportActualCost(costUsd: string): void;
}

export type BudgetedStep<T> = (context: BudgetedStepContext) => Promise<T>;

export interface GuardApi {
  check(check: GuardCheck): Promise<GuardCheckResult>;
  settle(settle: GuardSettle): Promise<GuardReservation>;
}

/**
 * Checks `estimate` with the guard (GuardDeniedError when denied), runs `step`, then settles: with the cost the step
 * reported, or releasing the hold when it reported none or threw.
 *
 * A failed settle is not rethrown: the step already ran (and was paid for), so failing the call would invite running
 * it again, and the gateway ends an unsettled hold with its lease anyway.
 */
export async function runWithBudget<T>(guard: GuardApi, estimate: GuardCheck, step: BudgetedStep<T>): Promise<T> {
  const decision = await guard.check(estimate);
  if (decision.decision === 'deny') throw new GuardDeniedError(decision);
  const { reservationId } = decision;
  let actualCostUsd: string | undefined;
  const context: BudgetedStepContext = { reservationId, reportActualCost: (costUsd) => (actualCostUsd = costUsd) };
  const settle = async () => {
    if (reservationId === undefined) return;
    await guard.settle(actualCostUsd === undefined ? { reservationId } : { reservationId, actualCostUsd }).catch(() => undefined);
  };
  try {
    const value = await inReservation(reservationId, () => step(context));
    await settle();
    return value;
  } catch (error) {
    actualCostUsd = undefined;
    await settle();
    throw error;
  }
}
