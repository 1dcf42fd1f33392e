import type { CostForecast } from '../api/api-types';
import { addDays, dayCount } from './date-range';

/**
 * Fewer complete days than this and a breach probability says more about the model's start-up than about the spend:
 * one week is the shortest series that shows the weekly pattern once.
 */
export const MIN_HISTORY_DAYS = 7;

/** Whether a decimal string is zero ("0", "0.000000"); as text, so no float can turn 1e-12 into "nothing". */
export function isZeroAmount(amount: string): boolean {
  return !/[1-9]/.test(amount);
}

/**
 * Complete days of history: from the first day with spend through yesterday (today is partial and not a data point).
 * The forecaster zero-fills its series, so leading zero days are days before the org sent anything.
 */
export function historyDays(series: readonly { date: string; costUsd: string }[], asOf: string): number {
  const yesterday = addDays(asOf.slice(0, 10), -1);
  const first = series.filter((point) => point.date <= yesterday && !isZeroAmount(point.costUsd)).map((point) => point.date).sort()[0];
  return first === undefined ? 0 : dayCount({ from: first, to: yesterday });
}

/** True when there is nothing to forecast from: no spend in the history and none so far this period. */
export function hasNoSpendHistory(forecast: CostForecast, actuals: readonly { date: string; costUsd: string }[]): boolean {
  return isZeroAmount(forecast.spentToDateUsd) && actuals.every((point) => isZeroAmount(point.costUsd));
}

/** Why a breach probability is not worth printing, or null when it is. */
export function probabilityCaveat(options: { degraded: boolean; historyDays: number | null }): string | null {
  if (options.degraded) return 'not estimated: the forecast is degraded (a run-rate estimate)';
  if (options.historyDays !== null && options.historyDays < MIN_HISTORY_DAYS) {
    return `not estimated yet: ${options.historyDays} complete ${options.historyDays === 1 ? 'day' : 'days'} of history, ${MIN_HISTORY_DAYS} needed`;
  }
  return null;
}
