import {
  type EtsSpec,
  type EtsState,
  type SmoothingParams,
  etsMethodName,
  freeParameterCount,
  hasSeason,
  hasTrend,
} from './ets-model';
import { filterSeries } from './ets-recursion';
import { heuristicInitialState } from './initial-states';
import { nelderMead } from './nelder-mead';
import { refineSeedStates } from './seed-refinement';

/** Bounds of the admissible ("usual") region, as in R's `forecast::ets` (FPP3 §8.6). */
export const smoothingBounds = {
  alphaMin: 1e-4,
  alphaMax: 0.9999,
  /** β, γ are searched as fractions of their upper bounds α and 1-α, between this and 1. */
  fractionMin: 1e-4,
  phiMin: 0.8,
  phiMax: 0.98,
} as const;

export interface FittedEts {
  kind: 'ets';
  method: string;
  spec: EtsSpec;
  params: SmoothingParams;
  initial: EtsState;
  /** State after the last observation: the forecast origin. */
  final: EtsState;
  /** Number of observations fitted. */
  n: number;
  /** Free parameters k (smoothing parameters, initial states, σ²). */
  k: number;
  /** Sum of squared innovations (squared series units for additive errors, dimensionless for multiplicative). */
  sse: number;
  /** Innovation variance σ̂² = SSE / (n - k), the unbiased estimate used for intervals. */
  sigma2: number;
  logLik: number;
  aicc: number;
}

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Maps an unconstrained vector u to smoothing parameters inside the admissible region:
 *   α = α_min + (α_max − α_min)·σ(u₀),  β = α·f(u₁),  γ = (1 − α)·f(u₂),  φ = φ_min + (φ_max − φ_min)·σ(u₃),
 * with σ the logistic function and f(u) = f_min + (1 − f_min)·σ(u), so every u gives β ≤ α and γ ≤ 1 − α.
 */
export function toSmoothingParams(spec: EtsSpec, u: ArrayLike<number>): SmoothingParams {
  const b = smoothingBounds;
  let i = 0;
  const alpha = b.alphaMin + (b.alphaMax - b.alphaMin) * logistic(u[i++] ?? 0);
  const fraction = (value: number): number => b.fractionMin + (1 - b.fractionMin) * logistic(value);
  const beta = hasTrend(spec) ? alpha * fraction(u[i++] ?? 0) : 0;
  const gamma = hasSeason(spec) ? (1 - alpha) * fraction(u[i++] ?? 0) : 0;
  const phi = spec.trend === 'Ad' ? b.phiMin + (b.phiMax - b.phiMin) * logistic(u[i] ?? 0) : 1;
  return { alpha, beta, gamma, phi };
}

/** Start of the search: α = 0.3, β = 0.1α, γ = 0.1(1 − α), φ = 0.9 — mid-range, smooth values. */
function startVector(spec: EtsSpec): Float64Array {
  const b = smoothingBounds;
  const start = [logit((0.3 - b.alphaMin) / (b.alphaMax - b.alphaMin))];
  if (hasTrend(spec)) start.push(logit(0.1));
  if (hasSeason(spec)) start.push(logit(0.1));
  if (spec.trend === 'Ad') start.push(logit((0.9 - b.phiMin) / (b.phiMax - b.phiMin)));
  return Float64Array.from(start);
}

/** SSE below this fraction of n·scale² is treated as an exact fit (keeps log-likelihoods finite). */
const EXACT_FIT = 1e-20;

/**
 * −2·log-likelihood of an ETS model with Gaussian innovations and σ² concentrated out (FPP3 §8.6; Hyndman et al.
 * 2008, §5.2):  n·log(2π·SSE/n) + n  for additive errors,  plus 2·Σ log μ_t  for multiplicative errors.
 */
export function minusTwoLogLik(sse: number, sumLogMean: number, n: number, spec: EtsSpec): number {
  return n * Math.log((2 * Math.PI * sse) / n) + n + (spec.error === 'M' ? 2 * sumLogMean : 0);
}

/**
 * Corrected Akaike information criterion (FPP3 §8.6): AICc = −2ℓ + 2k + 2k(k+1)/(n − k − 1); lower is better.
 * Defined for n > k + 1 only.
 */
export function aicc(minusTwoLogLikelihood: number, k: number, n: number): number {
  return minusTwoLogLikelihood + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}

/** Rounds of alternating seed / smoothing-parameter improvement; each round lowers the objective or stops. */
const MAX_ROUNDS = 4;

/**
 * Fits one ETS model to a series (units: USD per day; any non-negative series) by maximum likelihood (FPP3 §8.6)
 * over the smoothing parameters and the seed states, within the admissible region. It alternates two exact-descent
 * steps until the −2·log-likelihood improves by less than 1e-4: a Gauss–Newton step on the seed states for the
 * current parameters (`refineSeedStates`; exact least squares for linear models), then Nelder–Mead over the
 * smoothing parameters for the current seed. Starts from `heuristicInitialState` and α = 0.3, β = 0.1α,
 * γ = 0.1(1 − α), φ = 0.9. Returns undefined when the model is not usable for this series: too short (n ≤ k + 3, as
 * `forecast::ets`), or a multiplicative model on a series with a non-positive value.
 */
export function fitEts(series: ArrayLike<number>, spec: EtsSpec): FittedEts | undefined {
  const y = Float64Array.from(series);
  const n = y.length;
  const k = freeParameterCount(spec);
  if (n <= k + 3) return undefined;
  const multiplicative = spec.error === 'M' || spec.season === 'M';
  let scale = 0;
  for (let t = 0; t < n; t++) {
    const value = y[t] ?? 0;
    if (multiplicative && !(value > 0)) return undefined;
    scale += Math.abs(value) / n;
  }
  const sseFloor = EXACT_FIT * n * (spec.error === 'A' ? scale * scale : 1);
  const workspace: EtsState = { level: 0, trend: 0, season: new Float64Array(0), phase: 0 };
  const objectiveFor =
    (params: SmoothingParams) =>
    (state: EtsState): number => {
      const run = filterSeries(y, spec, params, state, undefined, workspace);
      if (!run.valid) return Infinity;
      return n * Math.log(Math.max(run.sse, sseFloor)) + (spec.error === 'M' ? 2 * run.sumLogMean : 0);
    };

  let state = heuristicInitialState(y, spec);
  let u = startVector(spec);
  let params = toSmoothingParams(spec, u);
  let value = objectiveFor(params)(state);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = value;
    // `value` is the objective at (state, params): neither step evaluates it again.
    ({ state, objective: value } = refineSeedStates(y, spec, params, state, objectiveFor(params), value));
    const seed = state;
    const search = nelderMead((v) => objectiveFor(toSmoothingParams(spec, v))(seed), u, {
      step: round === 0 ? 1 : 0.5,
      tolerance: 1e-4,
      maxEvaluations: 300,
      startValue: value,
    });
    if (search.value < value) {
      u = search.x;
      params = toSmoothingParams(spec, u);
      value = search.value;
    }
    if (!(before - value > 1e-4)) break;
  }
  if (!Number.isFinite(value)) return undefined;
  const run = filterSeries(y, spec, params, state);
  if (!run.valid) return undefined;
  const sse = Math.max(run.sse, sseFloor);
  const m2ll = minusTwoLogLik(sse, run.sumLogMean, n, spec);
  return {
    kind: 'ets',
    method: etsMethodName(spec),
    spec,
    params,
    initial: state,
    final: run.final,
    n,
    k,
    sse,
    sigma2: sse / (n - k),
    logLik: -m2ll / 2,
    aicc: aicc(m2ll, k, n),
  };
}
