import type { FittedEts } from './ets-fit';
import { filterSeries } from './ets-recursion';
import type { WeightedModel } from './model-selection';

/** Variants lighter than this share of the ensemble are dropped (and the rest renormalised). */
const MIN_VARIANT_WEIGHT = 1e-3;
/** Power τ of the likelihood in the α weights (see `withAlphaUncertainty`). */
export const ALPHA_LIKELIHOOD_POWER = 0.5;

/**
 * The α values at which the likelihood is evaluated: a uniform grid over (0, 1) (step 0.05) for likelihoods that are
 * flat, plus a fine grid α̂ ± 0.01·k (k ≤ 3) around the estimate for peaked ones.
 */
function alphaGrid(estimate: number): number[] {
  const points = new Set<number>();
  for (let g = 0; g < 20; g++) points.add(0.025 + 0.05 * g);
  for (let k = -3; k <= 3; k++) points.add(Math.min(Math.max(estimate + 0.01 * k, 1e-4), 0.9999));
  return [...points].sort((a, b) => a - b);
}

/**
 * Carries the uncertainty of the level smoothing parameter α into the forecast. The maximum-likelihood α of a short
 * series often sits at or near 0 when the truth is, say, 0.1 (the "pile-up" at the boundary), which makes month-end
 * intervals far too narrow: the level's future wander grows like α²h. So each model is replaced by variants on a
 * grid of α values (other smoothing parameters and the seed states kept, β ≤ α and γ ≤ 1 − α enforced), weighted
 * by a tempered likelihood times a flat prior on α ∈ (0, 1) (each point's weight ∝ the width of its cell):
 *   w_g ∝ Δα_g · L_g^τ,  −2·log L_g = n·log SSE_g + 2·Σ log μ_t [multiplicative errors],  τ = ½.
 * This is a grid approximation of the posterior of α (Gelman et al., *Bayesian Data Analysis*, §3, grid
 * sampling); FPP3 §8.7 notes that ETS intervals which ignore parameter uncertainty are too narrow. The power
 * τ = ½ (a "tempered" likelihood, Grünwald & van Ommen 2017) widens it because the seed states and β, γ, φ stay at
 * their estimates, which makes the likelihood in α sharper than the profile likelihood. τ was set by the
 * calibration experiment (the two processes of test/unit/calibration.test.ts, 400 series each; it can be rerun with
 * scripts/calibration-experiment.cjs): with τ = 1 the month-end p10–p90 interval covered 74% of simulated
 * ETS(A,N,A) and 76% of ETS(M,N,M) months; with τ = ½, 80% and 84%, with lower Brier scores for the breach
 * probabilities in both.
 */
export function withAlphaUncertainty(y: Float64Array, models: readonly WeightedModel[]): WeightedModel[] {
  const expanded: WeightedModel[] = [];
  for (const entry of models) {
    if (entry.model.kind !== 'ets') {
      expanded.push(entry);
      continue;
    }
    for (const variant of alphaVariants(y, entry.model)) expanded.push({ model: variant.model, weight: entry.weight * variant.weight });
  }
  const kept = expanded.filter((entry) => entry.weight >= MIN_VARIANT_WEIGHT);
  const total = kept.reduce((sum, entry) => sum + entry.weight, 0);
  return kept.map((entry) => ({ model: entry.model, weight: entry.weight / total }));
}

function alphaVariants(y: Float64Array, model: FittedEts): { model: FittedEts; weight: number }[] {
  const grid = alphaGrid(model.params.alpha);
  const n = y.length;
  const variants: { model: FittedEts; logWeight: number }[] = [];
  grid.forEach((alpha, g) => {
    const params = {
      alpha,
      beta: Math.min(model.params.beta, alpha),
      gamma: Math.min(model.params.gamma, 1 - alpha),
      phi: model.params.phi,
    };
    const run = filterSeries(y, model.spec, params, model.initial);
    if (!run.valid || !(run.sse > 0)) return;
    const cell = ((grid[g + 1] ?? 1) - (grid[g - 1] ?? 0)) / 2;
    const logLik = -0.5 * ALPHA_LIKELIHOOD_POWER * (n * Math.log(run.sse) + (model.spec.error === 'M' ? 2 * run.sumLogMean : 0));
    variants.push({ model: { ...model, params, final: run.final, sse: run.sse, sigma2: run.sse / (n - model.k) }, logWeight: logLik + Math.log(cell) });
  });
  if (variants.length === 0) return [{ model, weight: 1 }];
  const top = Math.max(...variants.map((v) => v.logWeight));
  const raw = variants.map((v) => Math.exp(v.logWeight - top));
  const total = raw.reduce((sum, w) => sum + w, 0);
  return variants.map((v, i) => ({ model: v.model, weight: (raw[i] ?? 0) / total }));
}
