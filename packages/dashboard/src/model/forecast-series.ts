import type { CostForecast } from '../api/api-types';
import { daysOf } from './date-range';
import { toChartNumber } from './format';

/** The forecast drawn day by day over the whole period: actual spend so far, then the forecast with its bands. */
export interface ForecastDaily {
  days: string[];
  /** Actual spend of complete days; null from the first forecast day on. */
  actual: (number | null)[];
  mean: (number | null)[];
  lower80: (number | null)[];
  upper80: (number | null)[];
  lower95: (number | null)[];
  upper95: (number | null)[];
}

/** The same as running totals against the caps: where the month ends, and how sure that is. */
export interface ForecastCumulative {
  days: string[];
  /** Through today (its spend so far included); null after it. */
  actual: (number | null)[];
  /** The last day the spent line reaches (today while the period runs); null for a period without days. */
  spentThrough: string | null;
  /** From the last actual day to the projected total at period end. */
  projected: (number | null)[];
  /** The p10–p90 range of the period-end total, opening from the last actual day (null when degraded). */
  low: (number | null)[] | null;
  high: (number | null)[] | null;
  caps: { label: string; limit: number }[];
}

/** The period's days: from its start to the day before its (exclusive) end, as UTC dates. */
export function periodDays(forecast: Pick<CostForecast, 'period'>): string[] {
  return daysOf({ from: forecast.period.start.slice(0, 10), to: periodLastDay(forecast) });
}

/** The day the forecast starts: its first daily point, or (degraded, no points) the day of `asOf`. */
function firstForecastDay(forecast: CostForecast): string {
  return forecast.daily[0]?.date ?? forecast.asOf.slice(0, 10);
}

/**
 * Actual daily spend in the period before the forecast starts, from `actuals` (the forecast's own series, or a
 * report's daily totals when the series was not included).
 */
export function toForecastDaily(forecast: CostForecast, actuals: readonly { date: string; costUsd: string }[]): ForecastDaily {
  const days = periodDays(forecast);
  const start = firstForecastDay(forecast);
  const actualByDay = new Map(actuals.filter((point) => point.date < start).map((point) => [point.date, toChartNumber(point.costUsd)]));
  const dailyByDay = new Map(forecast.daily.map((point) => [point.date, point]));
  const pick = (key: 'meanUsd' | 'lower80' | 'upper80' | 'lower95' | 'upper95') =>
    days.map((day) => {
      const point = dailyByDay.get(day);
      return point ? toChartNumber(point[key]) : null;
    });
  return {
    days,
    actual: days.map((day) => (day < start ? (actualByDay.get(day) ?? 0) : null)),
    mean: pick('meanUsd'),
    lower80: pick('lower80'),
    upper80: pick('upper80'),
    lower95: pick('lower95'),
    upper95: pick('upper95'),
  };
}

/**
 * Running totals. Spent runs through today and ends at `spentToDateUsd`, so spend made today shows as spent at once
 * (the daily series has complete days only). The projected path follows the shape of the daily means after today but
 * is scaled to end exactly at `projectedUsd` (the endpoint adds spend the model cannot see, such as today's spike, to
 * the total only); the p10–p90 cone opens the same way. Degraded forecasts have no daily means: the path is a straight
 * run rate.
 */
export function toForecastCumulative(forecast: CostForecast, daily: ForecastDaily): ForecastCumulative {
  const { days } = daily;
  const today = days.indexOf(forecast.asOf.slice(0, 10));
  const lastActual = today === -1 ? days.length - 1 : today;

  let running = 0;
  const actual = days.map((_, index) => {
    if (index > lastActual) return null;
    running += daily.actual[index] ?? 0;
    return index === today ? toChartNumber(forecast.spentToDateUsd) : running;
  });
  const anchor = actual[lastActual] ?? 0;

  // Fraction of the remaining spend reached by each day, from 0 at the last actual day to 1 at period end.
  const remainingDays = days.length - 1 - lastActual;
  const means = days.map((_, index) => (index > lastActual ? (daily.mean[index] ?? 0) : 0));
  const meanTotal = means.reduce((sum, value) => sum + value, 0);
  let reached = 0;
  const fraction = days.map((_, index) => {
    if (index < lastActual) return null;
    if (index === lastActual) return 0;
    reached += meanTotal > 0 ? means[index]! / meanTotal : 1 / remainingDays;
    return Math.min(1, reached);
  });
  const pathTo = (end: number) => fraction.map((share) => (share === null ? null : anchor + (end - anchor) * share));

  return {
    days,
    actual,
    spentThrough: days[lastActual] ?? null,
    projected: pathTo(toChartNumber(forecast.projectedUsd)),
    low: forecast.interval ? pathTo(toChartNumber(forecast.interval.p10)) : null,
    high: forecast.interval ? pathTo(toChartNumber(forecast.interval.p90)) : null,
    caps: forecast.caps.map((cap) => ({ label: cap.name ?? `cap ${cap.id.slice(0, 8)}`, limit: toChartNumber(cap.limitUsd) })),
  };
}

/** The last day of the period, for "projected by 30 Nov". */
export function periodLastDay(forecast: Pick<CostForecast, 'period'>): string {
  return new Date(Date.parse(forecast.period.end) - 1).toISOString().slice(0, 10);
}
