import { type EtsSpec, type EtsState, hasSeason, hasTrend, initialStateCount } from './ets-model';

/**
 * Heuristic initial states, following the `initstate` procedure of R's `forecast::ets` (Hyndman et al. 2008,
 * §2.6.1; FPP3 §8.6):
 * - seasonal indices from the first (up to four) complete cycles: the average deviation from (additive) or ratio
 *   to (multiplicative) each cycle's mean, normalised to sum to 0 / average 1, floored at 0.01 when multiplicative;
 * - level ℓ₀ and trend b₀ from a least-squares line through the first max(10, 2m) seasonally adjusted values
 *   (ℓ₀ is the line at t = 0, just before the first observation; b₀ its slope per observation).
 * Units: those of the series (multiplicative indices are dimensionless). Used as the starting point for models
 * whose initial states cannot be solved for exactly (multiplicative seasonality or errors).
 */
export function heuristicInitialState(y: ArrayLike<number>, spec: EtsSpec): EtsState {
  const n = y.length;
  const m = hasSeason(spec) ? spec.seasonLength : 1;
  const season = new Float64Array(hasSeason(spec) ? m : 0);
  const cycles = Math.min(Math.floor(n / m), 4);
  if (hasSeason(spec) && cycles >= 1) {
    for (let c = 0; c < cycles; c++) {
      let cycleMean = 0;
      for (let j = 0; j < m; j++) cycleMean += (y[c * m + j] ?? 0) / m;
      for (let j = 0; j < m; j++) {
        const value = y[c * m + j] ?? 0;
        season[j] = (season[j] ?? 0) + (spec.season === 'A' ? value - cycleMean : cycleMean > 0 ? value / cycleMean : 1) / cycles;
      }
    }
    normaliseSeason(season, spec);
  } else if (spec.season === 'M') {
    season.fill(1);
  }
  const count = Math.min(Math.max(10, 2 * m), n);
  const adjusted = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const value = y[t] ?? 0;
    const s = hasSeason(spec) ? (season[t % m] ?? 0) : 0;
    adjusted[t] = spec.season === 'A' ? value - s : spec.season === 'M' ? value / s : value;
  }
  const { intercept, slope } = hasTrend(spec) ? leastSquaresLine(adjusted) : { intercept: mean(adjusted), slope: 0 };
  return { level: intercept, trend: slope, season, phase: 0 };
}

function normaliseSeason(season: Float64Array, spec: EtsSpec): void {
  const m = season.length;
  if (spec.season === 'A') {
    const centre = mean(season);
    for (let j = 0; j < m; j++) season[j] = (season[j] ?? 0) - centre;
    return;
  }
  for (let j = 0; j < m; j++) season[j] = Math.max(season[j] ?? 1, 0.01);
  const centre = mean(season);
  for (let j = 0; j < m; j++) season[j] = (season[j] ?? 1) / centre;
}

function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] ?? 0;
  return total / values.length;
}

/** Ordinary least-squares line through (t, values[t-1]) for t = 1..n, evaluated at t = 0. */
function leastSquaresLine(values: ArrayLike<number>): { intercept: number; slope: number } {
  const n = values.length;
  if (n < 2) return { intercept: mean(values), slope: 0 };
  const tMean = (n + 1) / 2;
  const vMean = mean(values);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dt = i + 1 - tMean;
    sxy += dt * ((values[i] ?? 0) - vMean);
    sxx += dt * dt;
  }
  const slope = sxy / sxx;
  return { intercept: vMean - slope * tMean, slope };
}

/**
 * The free seed states as a vector x₀ = (ℓ₀, b₀, s₀ … s_{m-2}) (b₀ only with a trend, indices only with a season).
 * The last seasonal index is implied by the normalisation (additive indices sum to 0, multiplicative ones to m).
 */
export function seedVector(state: EtsState, spec: EtsSpec): Float64Array {
  const seed = new Float64Array(initialStateCount(spec));
  let i = 0;
  seed[i++] = state.level;
  if (hasTrend(spec)) seed[i++] = state.trend;
  if (hasSeason(spec)) for (let j = 0; j < spec.seasonLength - 1; j++) seed[i++] = state.season[j] ?? 0;
  return seed;
}

/** The inverse of `seedVector`: the full initial state (phase 0) with the implied last seasonal index. */
export function stateFromSeed(seed: ArrayLike<number>, spec: EtsSpec): EtsState {
  let i = 0;
  const level = seed[i++] ?? 0;
  const trend = hasTrend(spec) ? (seed[i++] ?? 0) : 0;
  const m = spec.seasonLength;
  const season = new Float64Array(hasSeason(spec) ? m : 0);
  if (hasSeason(spec)) {
    let last = spec.season === 'A' ? 0 : m;
    for (let j = 0; j < m - 1; j++) {
      const value = seed[i++] ?? 0;
      season[j] = value;
      last -= value;
    }
    season[m - 1] = last;
  }
  return { level, trend, season, phase: 0 };
}
