import { quantile } from 'simple-statistics';
import { mase, rmse } from './accuracy';
import { formatIsoDay, monthStartOf, parseIsoDay } from './calendar';
import { type DailyCost, toDenseSeries } from './daily-series';
import { filterSeries } from './ets-recursion';
import { fitMean } from './mean-model';
import { type FittedModel, type WeightedModel, selectModels } from './model-selection';
import { withAlphaUncertainty } from './parameter-uncertainty';
import { type DailyBand, breachProbability, dailyBands, pathTotals } from './prediction-intervals';
import { type SimulationOptions, defaultSimulation, simulatePaths } from './simulation';

/** Daily cost data has a weekly cycle (weekday vs weekend use). */
export const WEEKLY_SEASON_LENGTH = 7;

export interface CostCap {
  id: string;
  limitUsd: number;
}

export interface MonthEndRequest {
  /** Daily spend up to the as-of day (its last date); missing days inside the range count as zero spend. */
  series: readonly DailyCost[];
  /** Last day to forecast, `YYYY-MM-DD`, on or after the last date of the series; its month is the period. */
  periodEnd: string;
  caps: readonly CostCap[];
}

export interface ModelSummary {
  /** The best model by AICc, e.g. `ETS(M,Ad,M)`, or `mean` for very short or constant series. */
  method: string;
  alpha: number | null;
  beta: number | null;
  gamma: number | null;
  phi: number | null;
  /** Innovation standard deviation (USD per day for additive errors, relative for multiplicative errors). */
  sigma: number;
  aicc: number | null;
  /** One-step in-sample root mean squared error of the best model, USD per day. */
  rmseUsd: number;
  /** One-step in-sample MASE against the weekly seasonal naive forecast; null when undefined (short series). */
  mase: number | null;
  /** Days fitted (gaps filled with zero). */
  points: number;
  seasonLength: number;
  /** The models whose simulated paths make up the forecast, with their Akaike weights. */
  ensemble: { method: string; weight: number }[];
}

export interface MonthEndForecast {
  projectedMonthEndUsd: number;
  spentToDateUsd: number;
  interval: { p10: number; p50: number; p90: number };
  daily: (DailyBand & { date: string })[];
  caps: { id: string; limitUsd: number; breachProbability: number }[];
  model: ModelSummary;
}

/**
 * The month-end forecast: fits the ETS ensemble to the daily series (`selectModels`), simulates the days after the
 * last date up to `periodEnd` (`simulatePaths`), and reports
 *   spentToDate = Σ series values in periodEnd's calendar month,
 *   projected   = spentToDate + Σ mean simulated spend of the remaining days of that month,
 *   interval    = p10 / p50 / p90 of spentToDate + simulated remaining spend,
 *   breach      = P(spentToDate + remaining spend > limit) per cap (1 when already exceeded).
 * `daily` lists every day after the last date up to periodEnd (days before the period's month, when the series
 * ends in an earlier month, are forecast but not counted in the month total). All amounts in USD. Pure and
 * deterministic: the same request and options give the same answer. Throws RangeError on unparseable dates or a
 * periodEnd before the last date (the HTTP contract rejects those first).
 */
export function forecastMonthEnd(request: MonthEndRequest, simulation: SimulationOptions = defaultSimulation): MonthEndForecast {
  const { firstDay, values } = toDenseSeries(request.series);
  const periodEnd = parseIsoDay(request.periodEnd);
  if (periodEnd === undefined) throw new RangeError(`not a calendar date: ${request.periodEnd}`);
  const lastDay = values.length > 0 ? firstDay + values.length - 1 : periodEnd;
  if (periodEnd < lastDay) throw new RangeError('periodEnd is before the last date of the series');
  const monthStart = monthStartOf(periodEnd);

  let spentToDateUsd = 0;
  for (let t = Math.max(monthStart - firstDay, 0); t < values.length; t++) spentToDateUsd += values[t] ?? 0;

  // Models are fitted and simulated on the series in units of its mean absolute value, and amounts are converted
  // back to USD at the end. Scaling the series by k then gives the same unit-scale series (bit for bit when k is a
  // power of two), so the forecast scales by exactly k: fitted in USD, the log-likelihood shifts by a constant that
  // changes the rounding of near-ties inside the optimiser, enough to end at a slightly different optimum.
  const unitUsd = meanAbsolute(values) || 1;
  const y = values.map((value) => value / unitUsd);

  const attempt = (models: WeightedModel[]): MonthEndForecast => {
    const horizon = periodEnd - lastDay;
    const simulated = simulatePaths(withAlphaUncertainty(y, models), horizon, simulation);
    const bands = dailyBands(simulated).map((band) => inUsd(band, unitUsd));
    const fromDay = Math.max(monthStart - (lastDay + 1), 0);
    const totals = pathTotals(simulated, fromDay).map((total) => total * unitUsd);
    const [p10 = 0, p50 = 0, p90 = 0] = horizon > 0 ? quantile(totals, [0.1, 0.5, 0.9]) : [0, 0, 0];
    let remainingMean = 0;
    for (let h = fromDay; h < bands.length; h++) remainingMean += bands[h]?.meanUsd ?? 0;
    return {
      projectedMonthEndUsd: spentToDateUsd + remainingMean,
      spentToDateUsd,
      interval: { p10: spentToDateUsd + p10, p50: spentToDateUsd + p50, p90: spentToDateUsd + p90 },
      daily: bands.map((band, h) => ({ date: formatIsoDay(lastDay + 1 + h), ...band })),
      caps: request.caps.map((cap) => ({
        id: cap.id,
        limitUsd: cap.limitUsd,
        breachProbability: horizon > 0 ? breachProbability(totals, spentToDateUsd, cap.limitUsd) : spentToDateUsd > cap.limitUsd ? 1 : 0,
      })),
      model: summarise(models, y, unitUsd),
    };
  };

  const forecast = attempt(selectModels(y, WEEKLY_SEASON_LENGTH));
  // Never answer NaN or Infinity: should any fitted model misbehave numerically, fall back to the mean model.
  return allFinite(forecast) ? forecast : attempt([{ model: fitMean(y), weight: 1 }]);
}

function meanAbsolute(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += Math.abs(value);
  return values.length > 0 ? sum / values.length : 0;
}

function inUsd(band: DailyBand, unitUsd: number): DailyBand {
  return {
    meanUsd: band.meanUsd * unitUsd,
    lower80: band.lower80 * unitUsd,
    upper80: band.upper80 * unitUsd,
    lower95: band.lower95 * unitUsd,
    upper95: band.upper95 * unitUsd,
  };
}

/** The best model, described in USD: `y` is the series in units of `unitUsd` (see forecastMonthEnd). */
function summarise(models: readonly WeightedModel[], y: Float64Array, unitUsd: number): ModelSummary {
  const best: FittedModel = models[0]?.model ?? fitMean(y);
  const fitted = new Float64Array(y.length);
  if (best.kind === 'ets') filterSeries(y, best.spec, best.params, best.initial, fitted);
  else fitted.fill(best.mean);
  const inSampleMase = y.length > WEEKLY_SEASON_LENGTH ? mase(y, fitted, y, WEEKLY_SEASON_LENGTH) : NaN;
  const ets = best.kind === 'ets' ? best : undefined;
  // Rescaling by unitUsd shifts every model's −2·log-likelihood by the same 2n·log(unitUsd), for additive errors
  // through the SSE and for multiplicative ones through Σ log μ; adding it back reports the AICc of the USD series.
  const aiccShift = 2 * y.length * Math.log(unitUsd);
  const sigma = ets ? Math.sqrt(ets.sigma2) : best.kind === 'mean' ? best.sd : 0;
  const sigmaInUsd = ets ? ets.spec.error === 'A' : best.kind === 'mean';
  return {
    method: best.method,
    alpha: ets ? ets.params.alpha : null,
    beta: ets && ets.spec.trend !== 'N' ? ets.params.beta : null,
    gamma: ets && ets.spec.season !== 'N' ? ets.params.gamma : null,
    phi: ets && ets.spec.trend === 'Ad' ? ets.params.phi : null,
    sigma: sigmaInUsd ? sigma * unitUsd : sigma,
    aicc: ets ? ets.aicc + aiccShift : null,
    rmseUsd: y.length > 0 ? rmse(y, fitted) * unitUsd : 0,
    mase: Number.isFinite(inSampleMase) ? inSampleMase : null,
    points: y.length,
    seasonLength: WEEKLY_SEASON_LENGTH,
    ensemble: models.map((entry) => ({ method: entry.model.method, weight: entry.weight })),
  };
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}
