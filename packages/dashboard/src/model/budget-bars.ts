import type { DashboardAlertState, DashboardBudgetStatus } from '../api/api-types';
import { dimensionLabel, isReportDimension } from './dimensions';
import { probabilityCaveat } from './forecast-history';
import { toChartNumber } from './format';

export interface BudgetBar {
  id: string;
  title: string;
  /** e.g. "Cost center engineering · monthly". */
  scope: string;
  state: DashboardAlertState;
  stateLabel: string;
  spentUsd: string;
  limitUsd: string;
  /** spent / limit, as the API computed it (1.2 = 20% over). */
  utilization: number;
  /** Bar fill width, 0–100 (a cap past its limit fills the bar). */
  fillPercent: number;
  /** Warn thresholds as positions on the bar, 0–100. */
  thresholdPercents: number[];
  periodStart: string;
  periodEnd: string;
  projectedUsd: string | null;
  /** Where the projected period end sits on the bar, 0–100; a projection past the limit sits at the bar's end. */
  projectedPercent: number | null;
  /** Projected / limit (1.3 = 30% over), so a projection off the bar can say how far. */
  projectedRatio: number | null;
  /** The projection is past the limit, so its marker at the bar's end is not where it really is. */
  projectedBeyond: boolean;
  breachProbability: number | null;
  /** Why the breach probability is not shown (degraded forecast, too little history); null when it is. */
  probabilityCaveat: string | null;
}

export const ALERT_STATE_LABELS: Record<DashboardAlertState, string> = {
  ok: 'OK',
  warning: 'Warning',
  exceeded: 'Exceeded',
  projected_to_exceed: 'Forecast over limit',
};

/** Most urgent first, so a cap that needs attention is at the top of the list. */
const STATE_ORDER: Record<DashboardAlertState, number> = { exceeded: 0, projected_to_exceed: 1, warning: 2, ok: 3 };

function scopeOf(status: DashboardBudgetStatus): string {
  const what = status.dimension === 'org' ? 'Whole org' : `${isReportDimension(status.dimension) ? dimensionLabel(status.dimension) : status.dimension} ${status.value ?? ''}`;
  return `${what.trim()} · ${status.periodType}`;
}

const clampPercent = (ratio: number): number => Math.max(0, Math.min(100, ratio * 100));

/** `historyDays`: complete days of the org's spend history, or null when unknown (no forecast to read it from). */
export function toBudgetBars(budgets: readonly DashboardBudgetStatus[], historyDays: number | null = null): BudgetBar[] {
  return budgets
    .map((status): BudgetBar => {
      const projectedUsd = status.projectedUsd ?? null;
      const limit = toChartNumber(status.limitUsd);
      const projectedRatio = projectedUsd !== null && limit > 0 ? toChartNumber(projectedUsd) / limit : null;
      return {
        id: status.budgetId,
        title: status.name ?? scopeOf(status),
        scope: scopeOf(status),
        state: status.alertState,
        stateLabel: ALERT_STATE_LABELS[status.alertState] ?? status.alertState,
        spentUsd: status.spentUsd,
        limitUsd: status.limitUsd,
        utilization: status.utilization,
        fillPercent: clampPercent(status.utilization),
        thresholdPercents: status.warnAt.map((threshold) => clampPercent(threshold)),
        periodStart: status.periodStart,
        periodEnd: status.periodEnd,
        projectedUsd,
        projectedPercent: projectedRatio === null ? null : clampPercent(projectedRatio),
        projectedRatio,
        projectedBeyond: projectedRatio !== null && projectedRatio > 1,
        breachProbability: status.breachProbability ?? null,
        probabilityCaveat: status.periodType === 'monthly' ? probabilityCaveat({ degraded: status.forecastDegraded === true, historyDays }) : null,
      };
    })
    .sort((a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) || b.utilization - a.utilization);
}
