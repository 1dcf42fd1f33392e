import type { ForecastResponse } from '@finops/contracts';
import type { DailyPoint } from './zero-filled-days';

/** Forecasts are floats; on the wire they become decimal strings rounded to the cent. */
export function toCents(usd: number): string {
  return (Math.round(Math.max(0, usd) * 100) / 100).toFixed(2);
}

export function sumFloat(points: DailyPoint[]): number {
  return points.reduce((sum, point) => sum + Number(point.costUsd), 0);
}

/** Mean daily spend over the last `days` complete days: the "typical day" for today's spike check and run rates. */
export function recentDailyMean(series: DailyPoint[], days = 7): number {
  const recent = series.slice(-days);
  return recent.length === 0 ? 0 : sumFloat(recent) / recent.length;
}

/** Shifts every amount of a forecast by `shiftUsd` (spend the model did not see, see forecast.service.ts). */
export function shiftForecast(forecast: ForecastResponse, shiftUsd: number) {
  return {
    projectedUsd: forecast.projectedMonthEndUsd + shiftUsd,
    interval: { p10: forecast.interval.p10 + shiftUsd, p50: forecast.interval.p50 + shiftUsd, p90: forecast.interval.p90 + shiftUsd },
  };
}
