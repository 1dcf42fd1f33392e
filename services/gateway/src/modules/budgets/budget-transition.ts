import type { BudgetAlertReason } from '@finops/contracts';
import { alertLevelOf, maxUsd, sameLevel } from './budget-alert-level';
import { periodContaining, samePeriod, type CalendarPeriod } from '../../calendar/calendar-period';
import type { BudgetAlertEvent, BudgetCapWithState, StoredAlertState } from './budget';

/** What an evaluation saw: the spend of the cap's current period, read before the state row was locked. */
export interface SpendObservation {
  period: CalendarPeriod;
  spentUsd: string;
  at: Date;
}

/** Why the evaluation ran: spend arrived or was read (`spend`), or the cap was created or changed. */
export type EvaluationTrigger = 'spend' | 'cap_changed';

export interface StateChange {
  state: StoredAlertState;
  /** Present when the alert level changed: recorded, and delivered to webhooks, in the same transaction. */
  event?: BudgetAlertEvent;
}

/**
 * Decides, with the cap's state row locked, what the new state is. Runs once per locking transaction, so two
 * evaluations that saw the same crossing record it once: the second finds the level already changed.
 *
 * Spend in a period only grows (traces are never deleted), so within the same period the larger of the observed and
 * the stored spend is the fresher figure: an evaluation that read spend before a concurrent one cannot move the
 * state back. The level is computed from the cap as it is now (read under the lock), so a limit changed meanwhile
 * counts. Returns undefined when there is nothing to write or the observation is outdated.
 */
export function decideTransition(
  locked: BudgetCapWithState,
  observed: SpendObservation,
  trigger: EvaluationTrigger,
  newEventId: () => string,
): StateChange | undefined {
  const { cap, state } = locked;
  const current = periodContaining(cap.periodType, cap.timezone, observed.at);
  // The cap's time zone changed after the spend was read; the evaluation that follows that change will decide.
  if (!samePeriod(current, observed.period)) return undefined;
  // Another evaluation already moved the state to a later period. (Periods of two time zones overlap instead, when a
  // cap's time zone was changed; that is a move like any other.)
  if (state.period.start.getTime() >= current.end.getTime()) return undefined;

  const rolledOver = !samePeriod(state.period, current);
  const spentUsd = rolledOver ? observed.spentUsd : maxUsd(observed.spentUsd, state.spentUsd);
  const level = alertLevelOf(spentUsd, cap.limitUsd, cap.warnAt);
  const changed = !sameLevel(level, state.level);
  if (!changed && !rolledOver) return undefined;
  if (!changed) return { state: { ...state, period: current, spentUsd } };

  const reason: BudgetAlertReason = trigger === 'cap_changed' ? 'cap_changed' : rolledOver ? 'period_rollover' : 'spend';
  // Back to ok in a new period has been true since the period began; any other change is dated when it is seen.
  const since = reason === 'period_rollover' && level.state === 'ok' ? current.start : observed.at;
  return {
    state: { period: current, level, spentUsd, since },
    event: {
      id: newEventId(),
      orgId: cap.orgId,
      budgetId: cap.id,
      budgetName: cap.name,
      dimension: cap.dimension,
      value: cap.value,
      periodType: cap.periodType,
      timezone: cap.timezone,
      period: current,
      from: state.level,
      to: level,
      reason,
      spentUsd,
      limitUsd: cap.limitUsd,
      occurredAt: observed.at,
    },
  };
}
