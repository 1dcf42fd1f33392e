import type { FittedEts } from './ets-fit';
import type { FittedMean } from './mean-model';
import type { WeightedModel } from './model-selection';
import { type Random, createRandom } from './random';

export interface SimulationOptions {
  /** Number of simulated future paths (even: paths come in antithetic pairs). */
  paths: number;
  /** Seed of the pseudo-random generator: the same seed gives the same paths. */
  seed: number;
}

export const defaultSimulation: SimulationOptions = { paths: 1000, seed: 20240607 };

/**
 * Simulated future daily values, path-major: `values[path * horizon + h]` is day h + 1 after the series end, in the
 * series' units (USD per day), never negative.
 */
export interface SimulatedPaths {
  horizon: number;
  paths: number;
  values: Float64Array;
}

/**
 * Sample paths from the fitted models (FPP3 §8.7, "Prediction intervals" by simulation from the state space model):
 *   y = μ + σε (additive errors) or y = μ(1 + σε) (multiplicative errors),  ε ~ N(0, 1),
 * then the state is updated with y exactly as in fitting. Choices that keep the paths honest:
 * - spend cannot be negative: each simulated day is truncated at 0 *before* it feeds the state, so the
 *   truncation propagates through the level like a real zero-spend day would;
 * - σ² is uncertain: each pair of paths draws its own σ² = SSE/χ²_{n−k} (the scaled-inverse-χ² posterior), so
 *   short series get Student-t-like tails;
 * - the model is uncertain: paths are shared between models in proportion to their Akaike weights;
 * - variance reduction: paths come in antithetic pairs (ε, −ε).
 */
export function simulatePaths(models: readonly WeightedModel[], horizon: number, options: SimulationOptions): SimulatedPaths {
  const pairs = Math.max(1, Math.floor(options.paths / 2));
  const paths = pairs * 2;
  const values = new Float64Array(paths * horizon);
  const random = createRandom(options.seed);
  const allocation = allocatePairs(
    models.map((entry) => entry.weight),
    pairs,
  );
  const scratch: Scratch = { shocks: new Float64Array(horizon), season: new Float64Array(0) };
  let path = 0;
  models.forEach((entry, i) => {
    for (let pair = 0; pair < (allocation[i] ?? 0); pair++, path += 2) {
      if (entry.model.kind === 'ets') simulateEtsPair(entry.model, horizon, values, path, random, scratch);
      else simulateMeanPair(entry.model, horizon, values, path, random);
    }
  });
  return { horizon, paths, values };
}

/** Largest-remainder allocation of `pairs` among weights (deterministic; ties go to the earlier model). */
function allocatePairs(weights: readonly number[], pairs: number): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const exact = weights.map((w) => (w / total) * pairs);
  const counts = exact.map(Math.floor);
  let left = pairs - counts.reduce((sum, c) => sum + c, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

/**
 * One antithetic pair of paths from an ETS model: `oneStepMean`, the shock, truncation at 0 and `updateState`,
 * written out over local variables (this loop runs paths × horizon times per forecast), with the same
 * floating-point operations in the same order. As in `updateState`, a step whose multiplicative divisor is not
 * positive leaves the state as it was.
 */
function simulateEtsPair(model: FittedEts, horizon: number, out: Float64Array, path: number, random: Random, scratch: Scratch): void {
  const dof = Math.max(model.n - model.k, 1);
  const sigma = Math.sqrt(model.sse / random.chiSquared(dof));
  const shocks = scratch.shocks;
  random.fillNormal(shocks, horizon, sigma);
  const { spec, params, final } = model;
  const additiveError = spec.error === 'A';
  const trended = spec.trend !== 'N';
  const seasonKind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const m = spec.seasonLength;
  const { alpha, beta, gamma, phi } = params;
  if (scratch.season.length !== final.season.length) scratch.season = new Float64Array(final.season.length);
  const season = scratch.season;
  for (let member = 0; member < 2; member++) {
    const sign = member === 0 ? 1 : -1;
    const offset = (path + member) * horizon;
    let level = final.level;
    let trend = final.trend;
    let phase = final.phase;
    season.set(final.season);
    for (let h = 0; h < horizon; h++) {
      const phiB = trended ? phi * trend : 0;
      const q = trended ? level + phiB : level;
      const s = seasonKind === 0 ? 0 : (season[phase] ?? 0);
      const mu = seasonKind === 0 ? q : seasonKind === 1 ? q + s : q * s;
      const shock = sign * (shocks[h] ?? 0);
      const raw = additiveError ? mu + shock : mu * (1 + shock);
      const y = raw > 0 ? raw : 0;
      out[offset + h] = y;
      const qUpdate = level + phiB;
      let p = y;
      if (seasonKind === 1) {
        p = y - s;
        season[phase] = s + gamma * (y - qUpdate - s);
      } else if (seasonKind === 2) {
        if (!(s > 0) || !(qUpdate > 0)) continue;
        p = y / s;
        season[phase] = s + gamma * (y / qUpdate - s);
      }
      if (seasonKind !== 0) phase = phase + 1 === m ? 0 : phase + 1;
      level = qUpdate + alpha * (p - qUpdate);
      if (trended) trend = phiB + beta * (p - qUpdate);
    }
  }
}

interface Scratch {
  shocks: Float64Array;
  season: Float64Array;
}

function simulateMeanPair(model: FittedMean, horizon: number, out: Float64Array, path: number, random: Random): void {
  const sigma = model.sd > 0 ? model.sd * Math.sqrt(model.dof / random.chiSquared(model.dof)) : 0;
  const levelShift = model.n > 0 ? (sigma / Math.sqrt(model.n)) * random.normal() : 0;
  for (let h = 0; h < horizon; h++) {
    const epsilon = sigma * random.normal();
    const a = model.mean + levelShift + epsilon;
    const b = model.mean - levelShift - epsilon;
    out[path * horizon + h] = a > 0 ? a : 0;
    out[(path + 1) * horizon + h] = b > 0 ? b : 0;
  }
}
