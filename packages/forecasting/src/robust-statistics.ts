/**
 * Robust location and scale: the median and the median absolute deviation (MAD) scaled by 1.4826, which estimates
 * the standard deviation of normal data while ignoring up to half the sample being arbitrarily wrong (Hampel 1974;
 * Rousseeuw & Croux 1993). Anomaly detection leans on both so that past spikes cannot inflate the expectation.
 */

/** Consistency constant: 1.4826·MAD estimates σ for normal data (1 / Φ⁻¹(3/4)). */
export const MAD_TO_SIGMA = 1.4826;

/** Median of the first `count` entries of `values`; sorts that prefix in place (pass a scratch buffer). NaN when empty. */
export function medianInPlace(values: Float64Array, count: number): number {
  if (count <= 0) return NaN;
  const part = values.subarray(0, count);
  part.sort();
  const middle = count >> 1;
  return count % 2 === 1 ? (part[middle] as number) : ((part[middle - 1] as number) + (part[middle] as number)) / 2;
}

/** 1.4826 · median |vᵢ − median(v)| of the first `count` entries; reorders them in place. NaN when empty. */
export function madSigmaInPlace(values: Float64Array, count: number): number {
  const centre = medianInPlace(values, count);
  for (let i = 0; i < count; i++) values[i] = Math.abs((values[i] as number) - centre);
  return MAD_TO_SIGMA * medianInPlace(values, count);
}
