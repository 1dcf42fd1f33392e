import type { BudgetStatus } from '@finops/contracts';

export type { CostForecast } from '@finops/contracts';

/** Alert states a cap can be in, `projected_to_exceed` (from the forecast) included. */
export type DashboardAlertState = BudgetStatus['alertState'];

export type DashboardBudgetStatus = BudgetStatus;
