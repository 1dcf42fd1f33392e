import { type EtsSpec, type SeasonType, type TrendType, freeParameterCount } from './ets-model';
import { type FittedEts, fitEts } from './ets-fit';
import { type FittedMean, fitMean } from './mean-model';

export type FittedModel = FittedEts | FittedMean;

export interface WeightedModel {
  model: FittedModel;
  /** Akaike weight in (0, 1]; the weights of a selection sum to 1. */
  weight: number;
}

/** Models whose Akaike weight falls below this share are dropped from the ensemble (and the rest renormalised). */
export const MIN_MODEL_WEIGHT = 0.01;

const TRENDS: TrendType[] = ['N', 'A', 'Ad'];

/**
 * The ETS models worth trying on a series of n points (FPP3 §8.6, and R's `forecast::ets` defaults):
 * - every model needs n ≥ k + 4 (k free parameters): ETS(·,N,N) from 7 points, Holt (A) from 9, damped from 10;
 * - seasonal models need at least two full cycles (n ≥ 2m, so 14 days for a weekly pattern);
 * - multiplicative errors or seasonality only when every value is positive (their likelihood divides by μ);
 * - additive errors with multiplicative seasonality, and multiplicative trends, are left out as numerically
 *   unstable (the `restrict` rule of `forecast::ets`); multiplicative error with an undamped trend too, since the
 *   damped variant of it is kept and is the better month-end extrapolator (Gardner & McKenzie 1985).
 */
export function candidateSpecs(y: ArrayLike<number>, seasonLength: number): EtsSpec[] {
  const n = y.length;
  let allPositive = n > 0;
  for (let t = 0; t < n; t++) if (!((y[t] ?? 0) > 0)) allPositive = false;
  const seasons: SeasonType[] = seasonLength > 1 && n >= 2 * seasonLength ? ['N', 'A', 'M'] : ['N'];
  const specs: EtsSpec[] = [];
  for (const season of seasons) {
    for (const trend of TRENDS) {
      for (const error of ['A', 'M'] as const) {
        const spec: EtsSpec = { error, trend, season, seasonLength };
        if (error === 'A' && season === 'M') continue;
        if (error === 'M' && trend === 'A') continue;
        if ((error === 'M' || season === 'M') && !allPositive) continue;
        if (n < freeParameterCount(spec) + 4) continue;
        specs.push(spec);
      }
    }
  }
  return specs;
}

function isConstant(y: ArrayLike<number>): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let t = 0; t < y.length; t++) {
    min = Math.min(min, y[t] ?? 0);
    max = Math.max(max, y[t] ?? 0);
  }
  return max - min <= 1e-12 * Math.max(Math.abs(max), Math.abs(min));
}

/**
 * Fits every candidate and weighs them by AICc (FPP3 §8.6; Burnham & Anderson 2002, Akaike weights):
 *   w_i ∝ exp(−(AICc_i − min AICc)/2).
 * Simulating from this weighted ensemble, rather than from the single best model, carries model uncertainty into
 * the intervals. Fallbacks: fewer than 7 points, a constant series, or no ETS model fitting → the mean model.
 * `seasonLength` is in observations per cycle (7 for daily data with a weekly pattern).
 */
export function selectModels(y: ArrayLike<number>, seasonLength: number): WeightedModel[] {
  if (isConstant(y)) return [{ model: fitMean(y), weight: 1 }];
  const fits = candidateSpecs(y, seasonLength)
    .map((spec) => fitEts(y, spec))
    .filter((fit): fit is FittedEts => fit !== undefined && Number.isFinite(fit.aicc) && Number.isFinite(fit.sigma2));
  if (fits.length === 0) return [{ model: fitMean(y), weight: 1 }];
  fits.sort((a, b) => a.aicc - b.aicc);
  const best = fits[0]?.aicc ?? 0;
  const raw = fits.map((fit) => Math.exp(-(fit.aicc - best) / 2));
  const total = raw.reduce((sum, value) => sum + value, 0);
  const kept = fits.map((model, i) => ({ model, weight: (raw[i] ?? 0) / total })).filter((entry) => entry.weight >= MIN_MODEL_WEIGHT);
  const keptTotal = kept.reduce((sum, entry) => sum + entry.weight, 0);
  return kept.map((entry) => ({ model: entry.model, weight: entry.weight / keptTotal }));
}
