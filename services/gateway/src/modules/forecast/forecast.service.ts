import { DAY_MS, startOfUtcDay, toDateString } from '@finops/contracts';
import type { CostForecast, ForecastRequest } from '@finops/contracts';
import { mapBounded } from '../../concurrency/map-bounded';
import type { ForecasterClient } from '../../clients/forecaster-client';
import type { SpendTotals } from '../spend/spend-totals';
import type { SpendRepository } from '../spend/spend.repository';
import type { DailyPoint } from './zero-filled-days';
import { recentDailyMean, shiftForecast, sumFloat, toCents } from './forecast-math';
import type { ForecastScope } from './forecast-scope';
import { dailySeriesFor } from './forecast-series';

/** Complete days of history sent to the forecaster. */
export const FORECAST_LOOKBACK_DAYS = 90;

/** Forecaster calls in flight for one request (budget status forecasts many caps). */
const MAX_PARALLEL_FORECASTS = 4;

export interface ForecastOptions {
  includeSeries: boolean;
  /** Exact spend of each scope's period so far, when the caller already has it (budget status does). */
  spentToDateUsd?: readonly string[];
}

/**
 * Period-end forecasts from the live spend series, read at request time (nothing cached, so a budget change or a
 * spike shows in the next call).
 *
 * The series holds complete UTC days up to yesterday; the model forecasts today as a whole day. Two amounts the
 * model cannot see are added to its projection, its interval and (as a lower limit) to every cap: period spend
 * outside the model's month view (periods that are not a UTC calendar month), and today's spend beyond a typical
 * day (the mean of the last 7 complete days) — so a spike today moves the forecast at once instead of being averaged
 * in tomorrow. If the forecaster cannot answer in time, the answer is a run-rate projection flagged `degraded`.
 */
export class ForecastService {
  constructor(
    private readonly spend: SpendRepository,
    private readonly totals: SpendTotals,
    private readonly forecaster: ForecasterClient,
    private readonly now: () => Date,
  ) {}

  async forecast(orgId: string, scope: ForecastScope, includeSeries: boolean): Promise<CostForecast> {
    const [forecast] = await this.forecastMany(orgId, [scope], { includeSeries });
    return forecast!;
  }

  async forecastMany(orgId: string, scopes: readonly ForecastScope[], options: ForecastOptions): Promise<CostForecast[]> {
    if (scopes.length === 0) return [];
    const asOf = this.now();
    const today = startOfUtcDay(asOf);
    const seriesFrom = new Date(today.getTime() - FORECAST_LOOKBACK_DAYS * DAY_MS);
    const asSpendScope = (scope: ForecastScope, start: Date) => ({ dimension: scope.dimension, value: scope.value, period: { start, end: asOf } });
    const [series, spentToday, spentToDate] = await Promise.all([
      dailySeriesFor(this.spend, orgId, scopes, seriesFrom, today),
      this.totals.spentFor(orgId, scopes.map((scope) => asSpendScope(scope, today))),
      options.spentToDateUsd ?? this.totals.spentFor(orgId, scopes.map((scope) => asSpendScope(scope, scope.periodStart))),
    ]);
    return mapBounded(scopes, MAX_PARALLEL_FORECASTS, (scope, index) =>
      this.forecastOne(scope, { asOf, today, series: series[index]!, spentToday: spentToday[index]!, spentToDate: spentToDate[index]! }, options.includeSeries),
    );
  }

  private async forecastOne(
    scope: ForecastScope,
    observed: { asOf: Date; today: Date; series: DailyPoint[]; spentToday: string; spentToDate: string },
    includeSeries: boolean,
  ): Promise<CostForecast> {
    const { asOf, today, series, spentToday, spentToDate } = observed;
    const periodEndDay = toDateString(new Date(scope.periodEnd.getTime() - 1));
    // What the model's own "spent to date" leaves out, see the class comment.
    const modelSpentToDate = sumFloat(series.filter((point) => point.date.startsWith(periodEndDay.slice(0, 7))));
    const todayExcess = Math.max(0, Number(spentToday) - recentDailyMean(series));
    const shift = Number(spentToDate) - Number(spentToday) - modelSpentToDate + todayExcess;

    const base = {
      asOf: asOf.toISOString(),
      scope: { dimension: scope.dimension, value: scope.value, budgetId: scope.budgetId },
      period: { start: scope.periodStart.toISOString(), end: scope.periodEnd.toISOString() },
      currency: 'USD' as const,
      spentToDateUsd: spentToDate,
      lookbackDays: FORECAST_LOOKBACK_DAYS,
      ...(includeSeries ? { series } : {}),
    };
    const capsForModel = scope.caps.filter((cap) => Number(cap.limitUsd) - shift > 0);
    const request: ForecastRequest = {
      series: series.map((point) => ({ date: point.date, costUsd: Number(point.costUsd) })),
      periodEnd: periodEndDay,
      caps: capsForModel.map((cap) => ({ id: cap.id, limitUsd: Number(cap.limitUsd) - shift })),
    };
    const result = await this.forecaster.forecast(request);
    if (!result.ok) {
      return { ...base, ...runRateProjection(series, spentToDate, Number(spentToday), today, scope), degradedReason: `${result.failure}: ${result.detail}` };
    }

    const { forecast } = result;
    const shifted = shiftForecast(forecast, shift);
    const probabilities = new Map(forecast.caps.map((cap) => [cap.id, cap.breachProbability]));
    return {
      ...base,
      projectedUsd: toCents(shifted.projectedUsd),
      interval: { p10: toCents(shifted.interval.p10), p50: toCents(shifted.interval.p50), p90: toCents(shifted.interval.p90) },
      // A cap the shift alone already exceeds is certain to be breached.
      caps: scope.caps.map((cap) => ({ ...cap, breachProbability: probabilities.get(cap.id) ?? 1 })),
      daily: forecast.daily.map((day) => ({
        date: day.date,
        meanUsd: toCents(day.meanUsd),
        lower80: toCents(day.lower80),
        upper80: toCents(day.upper80),
        lower95: toCents(day.lower95),
        upper95: toCents(day.upper95),
      })),
      model: forecast.model,
      degraded: false,
      degradedReason: null,
    };
  }
}

/**
 * The degraded answer: spend so far plus the recent daily mean for every remaining day (today counted at whichever is
 * larger, its spend so far or a typical day). No interval or probability is invented.
 */
function runRateProjection(series: DailyPoint[], spentToDate: string, spentToday: number, today: Date, scope: ForecastScope) {
  const typicalDay = recentDailyMean(series);
  const daysAfterToday = Math.max(0, Math.round((scope.periodEnd.getTime() - today.getTime()) / DAY_MS) - 1);
  const projected = Number(spentToDate) + typicalDay * daysAfterToday + Math.max(0, typicalDay - spentToday);
  return {
    projectedUsd: toCents(projected),
    interval: null,
    caps: scope.caps.map((cap) => ({ ...cap, breachProbability: null })),
    daily: [],
    model: null,
    degraded: true,
  };
}
