import type { BudgetStatus } from '@finops/contracts';

/**
 * The month-end forecast (`GET /api/v1/cost/forecast`), as `CostForecastSchema` in contracts describes it. Kept here
 * until that endpoint is on this branch; then this becomes `import type { CostForecast } from '@finops/contracts'`.
 */
export interface CostForecast {
  asOf: string;
  scope: { dimension: string; value: string | null; budgetId: string | null };
  period: { start: string; end: string };
  currency: 'USD';
  spentToDateUsd: string;
  projectedUsd: string;
  /** Quantiles of the period-end total; null when degraded. */
  interval: { p10: string; p50: string; p90: string } | null;
  caps: { id: string; name: string | null; limitUsd: string; breachProbability: number | null }[];
  /** The rest of the period, day by day (today included); empty when degraded. */
  daily: { date: string; meanUsd: string; lower80: string; upper80: string; lower95: string; upper95: string }[];
  model: Record<string, unknown> | null;
  degraded: boolean;
  degradedReason: string | null;
  lookbackDays?: number;
  /** With includeSeries=true: the complete days the forecast was made from. */
  series?: { date: string; costUsd: string }[];
}

/** Alert states a cap can be in; `forecast_exceeded` (projected past the limit) comes with the forecast endpoint. */
export type DashboardAlertState = BudgetStatus['alertState'] | 'forecast_exceeded';

/** A cap's status as the page reads it: the fields the forecast adds are optional until that endpoint lands. */
export type DashboardBudgetStatus = Omit<BudgetStatus, 'alertState'> & {
  alertState: DashboardAlertState;
  projectedUsd?: string | null;
  breachProbability?: number | null;
};
