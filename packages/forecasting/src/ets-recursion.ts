import { type EtsSpec, type EtsState, type SmoothingParams, cloneState, copyState } from './ets-model';

/**
 * One-step-ahead mean μ_t of the next observation (FPP3 §8.5, Table 8.8, written for every component):
 *   q = ℓ + φb   (q = ℓ without a trend; φ = 1 for an undamped trend)
 *   μ = q        (no season),   μ = q + s   (additive season),   μ = q·s   (multiplicative season)
 * where s = s_{t+1-m} is `state.season[state.phase]`. Units: those of the series (USD per day).
 */
export function oneStepMean(state: EtsState, spec: EtsSpec, phi: number): number {
  const q = spec.trend === 'N' ? state.level : state.level + phi * state.trend;
  if (spec.season === 'N') return q;
  const s = state.season[state.phase] ?? 0;
  return spec.season === 'A' ? q + s : q * s;
}

/**
 * Updates the state in place after observing y (the observation / error-correction form used by R's
 * `forecast::ets`, identical for additive and multiplicative errors; Hyndman et al. 2008, Table 2.3):
 *   p = y (no season),  y - s (additive),  y / s (multiplicative)
 *   ℓ' = q + α(p - q)
 *   b' = φb + β(p - q)
 *   s' = s + γ(y - q - s)   (additive),   s' = s + γ(y/q - s)   (multiplicative)
 * Parameter ranges: see `SmoothingParams`. Returns false when a multiplicative divisor is not positive (the
 * model is then not usable for this series).
 */
export function updateState(state: EtsState, spec: EtsSpec, params: SmoothingParams, y: number): boolean {
  const { alpha, beta, gamma, phi } = params;
  const phiB = spec.trend === 'N' ? 0 : phi * state.trend;
  const q = state.level + phiB;
  let p = y;
  if (spec.season !== 'N') {
    const s = state.season[state.phase] ?? 0;
    if (spec.season === 'A') {
      p = y - s;
      state.season[state.phase] = s + gamma * (y - q - s);
    } else {
      if (!(s > 0) || !(q > 0)) return false;
      p = y / s;
      state.season[state.phase] = s + gamma * (y / q - s);
    }
    state.phase = (state.phase + 1) % spec.seasonLength;
  }
  state.level = q + alpha * (p - q);
  if (spec.trend !== 'N') state.trend = phiB + beta * (p - q);
  return true;
}

export interface FilterResult {
  /** Sum of squared innovations: (y - μ)² for additive errors, ((y - μ)/μ)² for multiplicative errors. */
  sse: number;
  /** Σ log μ_t, the Jacobian term of the multiplicative-error likelihood (0 for additive errors). */
  sumLogMean: number;
  final: EtsState;
  /** False when the recursion left the model's domain (non-positive μ for multiplicative models). */
  valid: boolean;
}

/**
 * Runs the recursion over the whole series from `initial` (not modified), accumulating the innovations needed
 * by the likelihood (FPP3 §8.6, "Estimating ETS models"). Writes the one-step means into `fitted` when given.
 * `workspace`, when given, is overwritten and returned as `final` (saves an allocation in optimiser loops).
 *
 * This is the hot loop of fitting (thousands of runs per forecast), so it is `oneStepMean` and `updateState`
 * written out over local variables, with the model's structure decided once before the loop. It performs the same
 * floating-point operations in the same order, so it returns exactly what stepping those two functions would
 * (`ets-recursion.test.ts` checks this on every model).
 */
export function filterSeries(
  y: ArrayLike<number>,
  spec: EtsSpec,
  params: SmoothingParams,
  initial: EtsState,
  fitted?: Float64Array,
  workspace?: EtsState,
): FilterResult {
  const state = workspace ? copyState(initial, workspace) : cloneState(initial);
  const multiplicativeError = spec.error === 'M';
  const trended = spec.trend !== 'N';
  const seasonKind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const m = spec.seasonLength;
  const { alpha, beta, gamma, phi } = params;
  const season = state.season;
  let level = state.level;
  let trend = state.trend;
  let phase = state.phase;
  let sse = 0;
  let sumLogMean = 0;
  // Σ log μ as the log of a running product (one logarithm per 1e±100 of range instead of one per step).
  let product = 1;
  let valid = true;
  const n = y.length;
  for (let t = 0; t < n; t++) {
    const yt = y[t] ?? 0;
    // μ = q ⊕ s with q = ℓ + φb (oneStepMean).
    const phiB = trended ? phi * trend : 0;
    const q = trended ? level + phiB : level;
    const s = seasonKind === 0 ? 0 : (season[phase] ?? 0);
    const mu = seasonKind === 0 ? q : seasonKind === 1 ? q + s : q * s;
    if (fitted) fitted[t] = mu;
    if (multiplicativeError) {
      if (!(mu > 0)) {
        valid = false;
        break;
      }
      const e = (yt - mu) / mu;
      sse += e * e;
      product *= mu;
      if (product > 1e100 || product < 1e-100) {
        sumLogMean += Math.log(product);
        product = 1;
      }
    } else {
      const e = yt - mu;
      sse += e * e;
    }
    // The state update (updateState).
    const qUpdate = level + phiB;
    let p = yt;
    if (seasonKind === 1) {
      p = yt - s;
      season[phase] = s + gamma * (yt - qUpdate - s);
    } else if (seasonKind === 2) {
      if (!(s > 0) || !(qUpdate > 0)) {
        valid = false;
        break;
      }
      p = yt / s;
      season[phase] = s + gamma * (yt / qUpdate - s);
    }
    if (seasonKind !== 0) phase = phase + 1 === m ? 0 : phase + 1;
    level = qUpdate + alpha * (p - qUpdate);
    if (trended) trend = phiB + beta * (p - qUpdate);
  }
  state.level = level;
  state.trend = trend;
  state.phase = phase;
  if (!valid) return { sse: Infinity, sumLogMean: 0, final: state, valid: false };
  sumLogMean += Math.log(product);
  return { sse, sumLogMean, final: state, valid: Number.isFinite(sse) };
}

/**
 * Point forecasts μ_{n+h|n} for h = 1..horizon (FPP3 §8.7):
 *   ℓ + φ_h b ⊕ s_{n+h-m(k+1)},  φ_h = φ + φ² + … + φ^h  (φ_h = h for an undamped trend),
 * where ⊕ is + for an additive season and × for a multiplicative one. These are the conditional means for
 * additive-error models; for multiplicative ones they are the means of the linear approximation.
 */
export function pointForecasts(state: EtsState, spec: EtsSpec, phi: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let phiH = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= spec.trend === 'Ad' ? phi : 1;
    phiH += phiPower;
    const base = state.level + (spec.trend === 'N' ? 0 : phiH * state.trend);
    if (spec.season === 'N') {
      out[h - 1] = base;
      continue;
    }
    const s = state.season[(state.phase + h - 1) % spec.seasonLength] ?? 0;
    out[h - 1] = spec.season === 'A' ? base + s : base * s;
  }
  return out;
}
