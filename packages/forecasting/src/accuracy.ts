import { mean } from 'simple-statistics';

/**
 * Forecast accuracy measures (FPP3 §5.8 "Evaluating point forecast accuracy", §5.9 "Evaluating distributional
 * forecast accuracy"). Point measures are in the series' units (USD per day) unless scaled.
 */

/** Root mean squared error √mean((y − ŷ)²). */
export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return Math.sqrt(mean(errors(actual, forecast).map((e) => e * e)));
}

/** Mean absolute error mean|y − ŷ|. */
export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return mean(errors(actual, forecast).map(Math.abs));
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006; FPP3 §5.8): MAE divided by the in-sample MAE of the seasonal
 * naive forecast ŷ_t = y_{t−m} over the training data. Below 1: better than seasonal naive one step ahead.
 * Dimensionless; undefined (NaN) when the training data are too short or perfectly seasonal.
 */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, training: ArrayLike<number>, seasonLength: number): number {
  let scale = 0;
  let count = 0;
  for (let t = seasonLength; t < training.length; t++) {
    scale += Math.abs((training[t] ?? 0) - (training[t - seasonLength] ?? 0));
    count++;
  }
  if (count === 0 || scale === 0) return NaN;
  return mae(actual, forecast) / (scale / count);
}

/** Share of actual values inside [lower, upper] (interval coverage; the nominal level is the target). */
export function intervalCoverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  if (actual.length === 0) return NaN;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    const value = actual[i] ?? 0;
    if (value >= (lower[i] ?? 0) && value <= (upper[i] ?? 0)) inside++;
  }
  return inside / actual.length;
}

/** Brier score mean((p − o)²) of probability forecasts p ∈ [0, 1] for binary outcomes o (Brier 1950); lower is better. */
export function brierScore(probabilities: readonly number[], outcomes: readonly boolean[]): number {
  return mean(probabilities.map((p, i) => (p - (outcomes[i] ? 1 : 0)) ** 2));
}

function errors(actual: ArrayLike<number>, forecast: ArrayLike<number>): number[] {
  if (actual.length === 0 || actual.length !== forecast.length) throw new RangeError('actual and forecast must be non-empty and of equal length');
  return Array.from({ length: actual.length }, (_, i) => (actual[i] ?? 0) - (forecast[i] ?? 0));
}
