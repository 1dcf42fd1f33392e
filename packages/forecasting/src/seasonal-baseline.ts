import { medianInPlace } from './robust-statistics';

/** What the detector expects at each point, and how many past seasons that expectation rests on. */
export interface SeasonalBaseline {
  /** Expected value per point (series units); NaN where no earlier season exists. */
  expected: Float64Array;
  /** Number of earlier seasons (0…maxSeasons) whose same-slot values made `expected[t]`. */
  seasons: Uint8Array;
}

/**
 * Seasonal-median expectation: ê_t = median{ y_{t−k·m} : k = 1…K, t − k·m ≥ 0 } with season length m (168 for
 * hour-of-week, 7 for day-of-week) and K ≤ `maxSeasons`. The median of K ≥ 3 same-slot values ignores one spike in
 * any of them, so an earlier runaway does not raise what is expected next week (the seasonal naive method of FPP3
 * §5.2, made robust by taking the median over several seasons instead of the last one). Only earlier points are
 * used, so the expectation at t is the same whether or not the series continues after t.
 */
export function seasonalMedianBaseline(y: ArrayLike<number>, seasonLength: number, maxSeasons: number): SeasonalBaseline {
  const n = y.length;
  const expected = new Float64Array(n).fill(NaN);
  const seasons = new Uint8Array(n);
  const scratch = new Float64Array(maxSeasons);
  for (let t = seasonLength; t < n; t++) {
    let count = 0;
    for (let k = 1; k <= maxSeasons && t - k * seasonLength >= 0; k++) scratch[count++] = y[t - k * seasonLength] as number;
    expected[t] = medianInPlace(scratch, count);
    seasons[t] = count;
  }
  return { expected, seasons };
}

/** ê_t of `seasonalMedianBaseline` for one t, from `history` (which may differ from the raw series); NaN for t < m. */
export function seasonalMedianAt(history: ArrayLike<number>, t: number, seasonLength: number, scratch: Float64Array): number {
  let count = 0;
  for (let k = 1; k <= scratch.length && t - k * seasonLength >= 0; k++) scratch[count++] = history[t - k * seasonLength] as number;
  return medianInPlace(scratch, count);
}
