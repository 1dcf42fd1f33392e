import { mean, quantile } from 'simple-statistics';
import type { SimulatedPaths } from './simulation';

/** Central prediction intervals of one future day, from simulated paths (USD per day). */
export interface DailyBand {
  meanUsd: number;
  lower95: number;
  lower80: number;
  upper80: number;
  upper95: number;
}

/**
 * Per-day mean and central 80% / 95% intervals, read off the simulated paths as sample quantiles (type 7, linear
 * interpolation; Hyndman & Fan 1996) at 2.5%, 10%, 90% and 97.5% (FPP3 §5.5 and §8.7, intervals by simulation).
 * The mean is the sample mean of the (non-negative) paths. In the rare case of a distribution so skewed that its
 * mean lies outside its own 80% interval (a spike far above a mostly-zero day), the mean is reported at the
 * interval's edge so that lower95 ≤ lower80 ≤ mean ≤ upper80 ≤ upper95 always holds.
 */
export function dailyBands(simulated: SimulatedPaths): DailyBand[] {
  const { horizon, paths, values } = simulated;
  const column = new Array<number>(paths);
  const bands: DailyBand[] = [];
  for (let h = 0; h < horizon; h++) {
    for (let p = 0; p < paths; p++) column[p] = values[p * horizon + h] ?? 0;
    const [lower95 = 0, lower80 = 0, upper80 = 0, upper95 = 0] = quantile(column, [0.025, 0.1, 0.9, 0.975]);
    const meanUsd = Math.min(Math.max(mean(column), lower80), upper80);
    bands.push({ meanUsd, lower95, lower80, upper80, upper95 });
  }
  return bands;
}

/** Each path's total over days [fromDay, horizon) (0-based day offsets after the series end), in USD. */
export function pathTotals(simulated: SimulatedPaths, fromDay: number): number[] {
  const { horizon, paths, values } = simulated;
  const totals = new Array<number>(paths);
  for (let p = 0; p < paths; p++) {
    let total = 0;
    for (let h = Math.max(fromDay, 0); h < horizon; h++) total += values[p * horizon + h] ?? 0;
    totals[p] = total;
  }
  return totals;
}

/**
 * P(spentUsd + future total > limitUsd), the share of simulated paths whose total breaches the cap. A cap already
 * exceeded gives 1; a larger cap or a smaller spend never gives a larger probability (same paths).
 */
export function breachProbability(totals: readonly number[], spentUsd: number, limitUsd: number): number {
  if (spentUsd > limitUsd) return 1;
  if (totals.length === 0) return 0;
  const headroom = limitUsd - spentUsd;
  let breaches = 0;
  for (const total of totals) if (total > headroom) breaches++;
  return breaches / totals.length;
}
