import { type EtsSpec, type EtsState, type SmoothingParams, initialStateCount } from './ets-model';
import { filterSeries } from './ets-recursion';
import { seedVector, stateFromSeed } from './initial-states';
import { solveSymmetric } from './linear-algebra';

export interface RefinedSeed {
  state: EtsState;
  objective: number;
}

/**
 * Improves the seed states x₀ = (ℓ₀, b₀, s₀ … s_{m-2}) for fixed smoothing parameters by one Gauss–Newton step on
 * the concentrated −2·log-likelihood f = n·log Σ e_t² (+ 2·Σ log μ_t for multiplicative errors), with innovations
 * e = y − μ (additive) or (y − μ)/μ (multiplicative). The Jacobian ∂μ_t/∂x₀ is taken by forward differences of the
 * recursion. For additive models μ is linear in x₀ (Hyndman et al. 2008, §5.2), so one step lands on the exact
 * least-squares seed; otherwise it is a Newton-type step, kept (after halving up to three times) only when it
 * lowers `objective`. Units: those of the series.
 */
export function refineSeedStates(
  y: Float64Array,
  spec: EtsSpec,
  params: SmoothingParams,
  initial: EtsState,
  objective: (state: EtsState) => number,
  /** objective(initial), when the caller already has it. */
  currentObjective?: number,
): RefinedSeed {
  const n = y.length;
  const dim = initialStateCount(spec);
  const current = currentObjective ?? objective(initial);
  const base = new Float64Array(n);
  const baseRun = filterSeries(y, spec, params, initial, base);
  if (!baseRun.valid) return { state: initial, objective: current };

  let typical = 0;
  for (let t = 0; t < n; t++) typical += Math.abs(y[t] ?? 0) / n;
  typical = Math.max(typical, 1e-12);
  const seed = seedVector(initial, spec);
  const jacobian = new Float64Array(n * dim);
  const shifted = new Float64Array(n);
  const workspace: EtsState = { level: 0, trend: 0, season: new Float64Array(0), phase: 0 };
  const seasonStart = spec.trend === 'N' ? 1 : 2;
  const probe = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const unit = spec.season === 'M' && j >= seasonStart ? 1 : typical;
    const h = 1e-6 * (Math.abs(seed[j] ?? 0) + unit);
    probe.set(seed);
    probe[j] = (probe[j] ?? 0) + h;
    if (!filterSeries(y, spec, params, stateFromSeed(probe, spec), shifted, workspace).valid) return { state: initial, objective: current };
    for (let t = 0; t < n; t++) jacobian[t * dim + j] = ((shifted[t] ?? 0) - (base[t] ?? 0)) / h;
  }

  // Gauss–Newton for f(x₀) = n·log S + 2·Σ log μ_t [multiplicative errors], S = Σ e_t²: with J_e = ∂e/∂x₀,
  // ∇f ∝ Σ e_t J_e,t + (S/n)·Σ J_μ,t/μ_t and ∇²f ≈ (2n/S)·J_eᵀJ_e, the step is Δ = −(J_eᵀJ_e)⁻¹(Σ e J_e + (S/n)·Σ J_μ/μ).
  const multiplicative = spec.error === 'M';
  const sse = baseRun.sse;
  const normal = new Float64Array(dim * dim);
  const gradient = new Float64Array(dim);
  const errorJacobian = new Float64Array(dim);
  for (let t = 0; t < n; t++) {
    const mu = base[t] ?? 0;
    const yt = y[t] ?? 0;
    const error = multiplicative ? yt / mu - 1 : yt - mu;
    const factor = multiplicative ? -yt / (mu * mu) : -1;
    const row = t * dim;
    for (let i = 0; i < dim; i++) {
      const jMu = jacobian[row + i] ?? 0;
      const jE = factor * jMu;
      errorJacobian[i] = jE;
      gradient[i] = (gradient[i] ?? 0) - error * jE - (multiplicative ? ((sse / n) * jMu) / mu : 0);
      const normalRow = i * dim;
      for (let k = 0; k <= i; k++) normal[normalRow + k] = (normal[normalRow + k] ?? 0) + jE * (errorJacobian[k] ?? 0);
    }
  }
  const step = solveSymmetric(normal, gradient, dim);
  if (!step) return { state: initial, objective: current };

  let fraction = 1;
  for (let attempt = 0; attempt < 4; attempt++, fraction /= 2) {
    const candidate = new Float64Array(dim);
    for (let i = 0; i < dim; i++) candidate[i] = (seed[i] ?? 0) + fraction * (step[i] ?? 0);
    const state = stateFromSeed(candidate, spec);
    const value = objective(state);
    if (value < current) return { state, objective: value };
  }
  return { state: initial, objective: current };
}
