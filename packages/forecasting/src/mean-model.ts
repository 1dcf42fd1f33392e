/**
 * The fallback for very short series (FPP3 §5.2 "Some simple forecasting methods", the mean method): future days are
 * i.i.d. N(μ, σ²) around the series mean. Both μ and σ are uncertain with so few points, so simulation draws them
 * per path from the normal-theory posterior under a flat prior: σ² = s²·ν/χ²_ν, μ ~ N(ȳ, σ²/n). Its predictive
 * distribution for one day is Student-t with ν degrees of freedom: ȳ ± t_ν·s·√(1 + 1/n) (FPP3 §5.5).
 */
export interface FittedMean {
  kind: 'mean';
  method: 'mean';
  /** Number of observations. */
  n: number;
  /** Sample mean ȳ (series units, USD per day). */
  mean: number;
  /** Sample standard deviation s (series units), floored for n ≤ 2 (see `fitMean`). */
  sd: number;
  /** Degrees of freedom ν of the predictive t distribution. */
  dof: number;
}

/**
 * With one or two points the sample spread says almost nothing, so s is floored at this fraction of |ȳ|: a single
 * day of $100 gives daily 80% intervals of roughly $0–$200 rather than a false certainty.
 */
export const SHORT_SERIES_MIN_CV = 0.5;

/**
 * Fits the mean model. n = 0 gives a zero forecast with no spread (nothing is known, and nothing was spent).
 * ν = max(n − 1, 2): with fewer than three points a t with 2 degrees of freedom keeps tails wide but finite.
 */
export function fitMean(y: ArrayLike<number>): FittedMean {
  const n = y.length;
  if (n === 0) return { kind: 'mean', method: 'mean', n, mean: 0, sd: 0, dof: 2 };
  let total = 0;
  for (let t = 0; t < n; t++) total += y[t] ?? 0;
  const mean = total / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += ((y[t] ?? 0) - mean) ** 2;
  const sampleSd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const sd = n <= 2 ? Math.max(sampleSd, SHORT_SERIES_MIN_CV * Math.abs(mean)) : sampleSd;
  return { kind: 'mean', method: 'mean', n, mean, sd, dof: Math.max(n - 1, 2) };
}
