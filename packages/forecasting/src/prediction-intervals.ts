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
 * interval's edge so that lower95 ≤ lower80 ≤ mean ≤ upper80 ≤ upper95 always holds. The mean and quantiles are
 * exactly those of simple-statistics' `mean` and `quantile`, computed without a copy per day (this runs for every
 * simulated day over all paths; prediction-intervals.test.ts checks the equality).
 */
export function dailyBands(simulated: SimulatedPaths): DailyBand[] {
  const { horizon, paths, values } = simulated;
  const bands: DailyBand[] = [];
  if (paths === 0) return bands;
  const column = new Float64Array(paths);
  const quantiles = new Float64Array(BAND_PROBABILITIES.length);
  const selector = new QuantileSelector(paths, BAND_PROBABILITIES);
  for (let h = 0; h < horizon; h++) {
    for (let p = 0; p < paths; p++) column[p] = values[p * horizon + h] ?? 0;
    const sampleMean = compensatedSum(column) / paths;
    selector.quantiles(column, quantiles);
    const lower95 = quantiles[0] ?? 0;
    const lower80 = quantiles[1] ?? 0;
    const upper80 = quantiles[2] ?? 0;
    const upper95 = quantiles[3] ?? 0;
    const meanUsd = Math.min(Math.max(sampleMean, lower80), upper80);
    bands.push({ meanUsd, lower95, lower80, upper80, upper95 });
  }
  return bands;
}

const BAND_PROBABILITIES = [0.025, 0.1, 0.9, 0.975];

/** Σx with Kahan–Babuška compensation, the summation of simple-statistics' `sum`/`mean` (same result, bit for bit). */
function compensatedSum(x: Float64Array): number {
  if (x.length === 0) return 0;
  let sum = x[0] ?? 0;
  let correction = 0;
  for (let i = 1; i < x.length; i++) {
    const value = x[i] ?? 0;
    const transition = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) correction += sum - transition + value;
    else correction += value - transition + sum;
    sum = transition;
  }
  return sum + correction;
}

/**
 * Reads a few order statistics of samples of a fixed size without sorting them: one pass counts the values into
 * equal-width buckets between the minimum and the maximum, the cumulative counts name the bucket that holds each
 * wanted rank, a second pass collects just those buckets' values, which are then sorted (a handful each). Bucket
 * numbers are monotone in the value, so every value in a lower bucket is ≤ every value in a higher one and the
 * k-th smallest is exact. This runs once per simulated day over all paths, where a quickselect per quantile
 * cost several times more (its partitions branch unpredictably on random data).
 */
class QuantileSelector {
  private readonly buckets: number;
  /** The sorted positions whose values the quantiles interpolate between (floor and ceil of (n − 1)·p). */
  private readonly ranks: number[];
  /** Per probability: where its lower and upper order statistics are in `ranks`, and the interpolation weight. */
  private readonly lowerOf: number[];
  private readonly upperOf: number[];
  private readonly fractionOf: number[];
  private readonly rankValues: Float64Array;
  /** The bucket each rank fell in, for the current sample. */
  private readonly rankBucket: Int32Array;
  /** before[b]: how many values fall in buckets below b (b = 0 … buckets). */
  private readonly before: Int32Array;
  private readonly bucketOf: Int32Array;
  /** Which collected group a bucket's values go to, or −1 when no wanted rank lies in it. */
  private readonly groupOfBucket: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly groupSize: Int32Array;
  private readonly collected: Float64Array;

  constructor(
    private readonly size: number,
    probabilities: readonly number[],
  ) {
    if (size === 0) throw new RangeError('quantiles of an empty sample');
    // Positions as in simple-statistics' quantileIndex / quantileSorted: p = 0 and p = 1 read the ends exactly.
    const positions = probabilities.map((p) => (p === 1 ? size - 1 : p === 0 ? 0 : (size - 1) * p));
    this.ranks = [...new Set(positions.flatMap((index) => [Math.floor(index), Math.ceil(index)]))].sort((a, b) => a - b);
    this.lowerOf = positions.map((index) => this.ranks.indexOf(Math.floor(index)));
    this.upperOf = positions.map((index) => this.ranks.indexOf(Math.ceil(index)));
    this.fractionOf = positions.map((index) => index - Math.floor(index));
    this.rankValues = new Float64Array(this.ranks.length);
    this.rankBucket = new Int32Array(this.ranks.length);
    this.buckets = Math.max(16, Math.ceil(size / 8));
    this.before = new Int32Array(this.buckets + 1);
    this.bucketOf = new Int32Array(size);
    this.groupOfBucket = new Int32Array(this.buckets).fill(-1);
    this.groupStart = new Int32Array(this.ranks.length + 1);
    this.groupSize = new Int32Array(this.ranks.length);
    this.collected = new Float64Array(size);
  }

  /** Writes the quantile at each probability of `x` (length `size`) into `out`. */
  quantiles(x: Float64Array, out: Float64Array): void {
    this.selectRanks(x);
    for (let q = 0; q < this.lowerOf.length; q++) {
      const below = this.rankValues[this.lowerOf[q] ?? 0] ?? 0;
      const fraction = this.fractionOf[q] ?? 0;
      // quantileSorted: x[lower] + fraction·(x[upper] − x[lower]) when the position is fractional, else x[position].
      out[q] = fraction === 0 ? below : below + fraction * ((this.rankValues[this.upperOf[q] ?? 0] ?? 0) - below);
    }
  }

  private selectRanks(x: Float64Array): void {
    const { size: n, buckets, before, bucketOf, groupOfBucket, groupStart, groupSize, collected, ranks, rankValues, rankBucket } = this;
    let min = x[0] ?? 0;
    let max = min;
    for (let i = 1; i < n; i++) {
      const value = x[i] ?? 0;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const scale = buckets / (max - min);
    if (!(max > min) || !Number.isFinite(scale) || !(scale > 0)) {
      // All equal, or a range too wide or too narrow to bucket: sort a copy.
      collected.set(x);
      collected.sort();
      for (let r = 0; r < ranks.length; r++) rankValues[r] = collected[ranks[r] ?? 0] ?? 0;
      return;
    }
    before.fill(0);
    for (let i = 0; i < n; i++) {
      // (x − min)·scale ≥ 0, so truncation is the floor; it is monotone in x.
      const scaled = ((x[i] ?? 0) - min) * scale;
      const bucket = scaled < buckets ? scaled | 0 : buckets - 1;
      bucketOf[i] = bucket;
      before[bucket + 1] = (before[bucket + 1] ?? 0) + 1;
    }
    for (let b = 0; b < buckets; b++) before[b + 1] = (before[b + 1] ?? 0) + (before[b] ?? 0);
    // Number the buckets that hold a wanted rank, in order, and reserve room for their values.
    let groups = 0;
    for (let r = 0; r < ranks.length; r++) {
      const bucket = this.bucketOfRank(ranks[r] ?? 0);
      rankBucket[r] = bucket;
      if (groupOfBucket[bucket] !== -1) continue;
      groupOfBucket[bucket] = groups;
      groupStart[groups + 1] = (groupStart[groups] ?? 0) + ((before[bucket + 1] ?? 0) - (before[bucket] ?? 0));
      groupSize[groups] = 0;
      groups++;
    }
    for (let i = 0; i < n; i++) {
      const group = groupOfBucket[bucketOf[i] ?? 0] ?? -1;
      if (group === -1) continue;
      const at = groupSize[group] ?? 0;
      collected[(groupStart[group] ?? 0) + at] = x[i] ?? 0;
      groupSize[group] = at + 1;
    }
    for (let g = 0; g < groups; g++) sortRange(collected, groupStart[g] ?? 0, groupStart[g + 1] ?? 0);
    for (let r = 0; r < ranks.length; r++) {
      const bucket = rankBucket[r] ?? 0;
      rankValues[r] = collected[(groupStart[groupOfBucket[bucket] ?? 0] ?? 0) + (ranks[r] ?? 0) - (before[bucket] ?? 0)] ?? 0;
    }
    for (let r = 0; r < ranks.length; r++) groupOfBucket[rankBucket[r] ?? 0] = -1;
  }

  /** The bucket b with before[b] ≤ rank < before[b + 1] (binary search over the cumulative counts). */
  private bucketOfRank(rank: number): number {
    let lo = 0;
    let hi = this.buckets - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.before[mid] ?? 0) <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Sorts x[from, to) ascending: insertion sort for the few values of a bucket, the native sort for many. */
function sortRange(x: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    x.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = x[i] ?? 0;
    let j = i - 1;
    while (j >= from && (x[j] ?? 0) > value) {
      x[j + 1] = x[j] ?? 0;
      j--;
    }
    x[j + 1] = value;
  }
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
