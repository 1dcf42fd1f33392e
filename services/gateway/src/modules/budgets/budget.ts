import type {
  Budget as BudgetBody,
  BudgetAlertEvent as BudgetAlertEventBody,
  BudgetAlertReason,
  BudgetAlertState,
  BudgetDimension,
  BudgetPeriodType,
  BudgetStatus as BudgetStatusBody,
  BudgetStatusAlertState,
  WebhookPayload,
} from '@finops/contracts';
import { remainingUsd, utilizationOf, type AlertLevel } from './budget-alert-level';
import type { CalendarPeriod } from '../../calendar/calendar-period';

/** A budget cap as services see it. */
export interface BudgetCap {
  orgId: string;
  id: string;
  name: string | null;
  dimension: BudgetDimension;
  /** null for the `org` dimension (stored as ''). */
  value: string | null;
  limitUsd: string;
  periodType: BudgetPeriodType;
  timezone: string;
  /** Canonical fraction strings, ascending. */
  warnAt: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** The alert state stored for a cap: the level it was last in, for the period it was last evaluated in. */
export interface StoredAlertState {
  period: CalendarPeriod;
  level: AlertLevel;
  /** The spend that produced the level (spend within a period only grows, so a lower reading is stale). */
  spentUsd: string;
  since: Date;
}

export interface BudgetCapWithState {
  cap: BudgetCap;
  state: StoredAlertState;
}

/** A recorded change of a cap's alert state. */
export interface BudgetAlertEvent {
  id: string;
  orgId: string;
  budgetId: string;
  budgetName: string | null;
  dimension: BudgetDimension;
  value: string | null;
  periodType: BudgetPeriodType;
  timezone: string;
  period: CalendarPeriod;
  from: AlertLevel;
  to: AlertLevel;
  reason: BudgetAlertReason;
  spentUsd: string;
  limitUsd: string;
  occurredAt: Date;
}

/** A cap's standing now: what the status endpoint answers with. */
export interface EvaluatedBudget {
  cap: BudgetCap;
  period: CalendarPeriod;
  spentUsd: string;
  level: AlertLevel;
  levelSince: Date;
}

export const webhookEventTypeOf = (state: BudgetAlertState) => `budget.${state}` as const;

const fraction = (value: string | null) => (value === null ? null : Number(value));

export function toApiBudget(cap: BudgetCap): BudgetBody {
  return {
    id: cap.id,
    name: cap.name,
    dimension: cap.dimension,
    value: cap.value,
    limitUsd: cap.limitUsd,
    periodType: cap.periodType,
    timezone: cap.timezone,
    warnAt: cap.warnAt.map(Number),
    createdAt: cap.createdAt.toISOString(),
    updatedAt: cap.updatedAt.toISOString(),
  };
}

/** What budget status shows of a monthly cap's forecast. */
export interface BudgetForecast {
  projectedUsd: string;
  /** null when the forecaster was unavailable (the projection is then a run rate). */
  breachProbability: number | null;
  degraded: boolean;
}

/** `projected_to_exceed` is derived on read: not yet exceeded, but likely enough to be by the period end. */
function statusAlertState(budget: EvaluatedBudget, forecast: BudgetForecast | undefined, alertProbability: number): BudgetStatusAlertState {
  if (budget.level.state === 'exceeded' || forecast?.breachProbability === undefined || forecast.breachProbability === null) return budget.level.state;
  return forecast.breachProbability >= alertProbability ? 'projected_to_exceed' : budget.level.state;
}

export function toApiBudgetStatus(budget: EvaluatedBudget, forecast: BudgetForecast | undefined, alertProbability: number): BudgetStatusBody {
  const { cap } = budget;
  return {
    budgetId: cap.id,
    name: cap.name,
    dimension: cap.dimension,
    value: cap.value,
    periodType: cap.periodType,
    timezone: cap.timezone,
    periodStart: budget.period.start.toISOString(),
    periodEnd: budget.period.end.toISOString(),
    spentUsd: budget.spentUsd,
    limitUsd: cap.limitUsd,
    remainingUsd: remainingUsd(budget.spentUsd, cap.limitUsd),
    utilization: utilizationOf(budget.spentUsd, cap.limitUsd),
    warnAt: cap.warnAt.map(Number),
    alertState: statusAlertState(budget, forecast, alertProbability),
    warnThreshold: fraction(budget.level.threshold),
    alertStateSince: budget.levelSince.toISOString(),
    projectedUsd: forecast?.projectedUsd ?? null,
    breachProbability: forecast?.breachProbability ?? null,
    forecastDegraded: forecast?.degraded ?? null,
  };
}

export function toApiBudgetAlertEvent(event: BudgetAlertEvent): BudgetAlertEventBody {
  return {
    id: event.id,
    type: webhookEventTypeOf(event.to.state),
    budgetId: event.budgetId,
    budgetName: event.budgetName,
    dimension: event.dimension,
    value: event.value,
    periodType: event.periodType,
    timezone: event.timezone,
    periodStart: event.period.start.toISOString(),
    periodEnd: event.period.end.toISOString(),
    fromState: event.from.state,
    toState: event.to.state,
    fromThreshold: fraction(event.from.threshold),
    toThreshold: fraction(event.to.threshold),
    reason: event.reason,
    spentUsd: event.spentUsd,
    limitUsd: event.limitUsd,
    occurredAt: event.occurredAt.toISOString(),
  };
}

/** The body webhook subscribers receive for an event (see WebhookPayloadSchema). */
export function toWebhookPayload(event: BudgetAlertEvent): WebhookPayload {
  return {
    id: event.id,
    type: webhookEventTypeOf(event.to.state),
    createdAt: event.occurredAt.toISOString(),
    orgId: event.orgId,
    data: toApiBudgetAlertEvent(event),
  };
}
