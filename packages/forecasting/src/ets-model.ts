/**
 * The exponential smoothing (ETS) model family in the innovations state space form of Hyndman & Athanasopoulos,
 * *Forecasting: Principles and Practice* (3rd ed., FPP3), §8.5 "Innovations state space models for exponential
 * smoothing", and Hyndman, Koehler, Ord & Snyder (2008), *Forecasting with Exponential Smoothing*, ch. 2.
 *
 * A model is named ETS(error, trend, season):
 * - error  `A` additive (y = μ + ε) or `M` multiplicative (y = μ(1 + ε)), ε ~ N(0, σ²);
 * - trend  `N` none, `A` additive (Holt), `Ad` additive damped (Gardner & McKenzie);
 * - season `N` none, `A` additive or `M` multiplicative (Holt-Winters), period `seasonLength` (7 for daily data).
 * The multiplicative trend is left out: FPP3 §8.4 notes it produces poor, explosive forecasts.
 */
export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
  /** Observations per seasonal cycle (7 for daily data with a weekly pattern); ignored when season is `N`. */
  seasonLength: number;
}

/**
 * Smoothing parameters, all dimensionless. Admissible ("usual") region used here, as in R's `forecast::ets`:
 * 1e-4 ≤ α ≤ 0.9999, 1e-4·α ≤ β ≤ α, 1e-4·(1-α) ≤ γ ≤ 1-α, 0.8 ≤ φ ≤ 0.98. Unused parameters are 0 (β, γ) or 1 (φ).
 */
export interface SmoothingParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/**
 * The state after some observations: level ℓ and trend b in the series' units (USD per day for cost), and the
 * seasonal ring. `season[phase]` is the seasonal index s_{t+1-m} that applies to the next observation; additive
 * indices are in the series' units, multiplicative ones are dimensionless factors around 1.
 */
export interface EtsState {
  level: number;
  trend: number;
  season: Float64Array;
  phase: number;
}

export function hasTrend(spec: EtsSpec): boolean {
  return spec.trend !== 'N';
}

export function hasSeason(spec: EtsSpec): boolean {
  return spec.season !== 'N';
}

/** The conventional name, e.g. `ETS(M,Ad,M)`. */
export function etsMethodName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** How many smoothing parameters the model estimates (α always; β with a trend; γ with a season; φ when damped). */
export function smoothingParameterCount(spec: EtsSpec): number {
  return 1 + (hasTrend(spec) ? 1 : 0) + (hasSeason(spec) ? 1 : 0) + (spec.trend === 'Ad' ? 1 : 0);
}

/**
 * How many initial states are estimated: ℓ₀, b₀ with a trend, and m-1 seasonal indices (the m-th follows from the
 * normalisation: additive indices sum to 0, multiplicative ones average 1).
 */
export function initialStateCount(spec: EtsSpec): number {
  return 1 + (hasTrend(spec) ? 1 : 0) + (hasSeason(spec) ? spec.seasonLength - 1 : 0);
}

/** Free parameters counted by the information criteria: smoothing parameters, initial states and σ². */
export function freeParameterCount(spec: EtsSpec): number {
  return smoothingParameterCount(spec) + initialStateCount(spec) + 1;
}

export function cloneState(state: EtsState): EtsState {
  return { level: state.level, trend: state.trend, season: Float64Array.from(state.season), phase: state.phase };
}

/** Copies `from` into `to` (reusing its seasonal array when the length fits) and returns `to`. */
export function copyState(from: EtsState, to: EtsState): EtsState {
  to.level = from.level;
  to.trend = from.trend;
  to.phase = from.phase;
  if (to.season.length !== from.season.length) to.season = new Float64Array(from.season.length);
  to.season.set(from.season);
  return to;
}
