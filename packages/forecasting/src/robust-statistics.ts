/**
 * Robust location and scale: the median and the median absolute deviation (MAD) scaled by 1.4826, which estimates
 * the standard deviation of normal data while ignoring up to half the sample being arbitrarily wrong (Hampel 1974;
 * Rousseeuw & Croux 1993). Anomaly detection leans on both so that past spikes cannot inflate the expectation.
 */

/** Consistency constant: 1.4826·MAD estimates σ for normal data (1 / Φ⁻¹(3/4)). */
export const MAD_TO_SIGMA = 1.4826;

/** Below this many entries a range is put in order by insertion sort (fewer steps than partitioning). */
const SMALL_RANGE = 16;

/**
 * Median of the first `count` entries of `values`; reorders that prefix in place (pass a scratch buffer). NaN when
 * empty. Quickselect (Hoare 1961) with a median-of-three pivot finds the middle in O(count) on average instead of
 * sorting: the detector takes a median for every point and several over hundreds of residuals every day.
 */
export function medianInPlace(values: Float64Array, count: number): number {
  if (count <= 0) return NaN;
  const middle = count >> 1;
  selectInPlace(values, count, middle);
  const upper = values[middle] as number;
  if (count % 2 === 1) return upper;
  // Everything before the middle is ≤ it, so the other middle value is the largest of them.
  let lower = values[0] as number;
  for (let i = 1; i < middle; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** 1.4826 · median |vᵢ − median(v)| of the first `count` entries; reorders them in place. NaN when empty. */
export function madSigmaInPlace(values: Float64Array, count: number): number {
  const centre = medianInPlace(values, count);
  for (let i = 0; i < count; i++) values[i] = Math.abs((values[i] as number) - centre);
  return MAD_TO_SIGMA * medianInPlace(values, count);
}

/** Reorders a[0, count) so that a[k] is its k-th smallest entry, with nothing larger before it and nothing smaller after. */
function selectInPlace(a: Float64Array, count: number, k: number): void {
  let left = 0;
  let right = count - 1;
  while (right - left >= SMALL_RANGE) {
    const mid = (left + right) >> 1;
    const x = a[left] as number;
    const y = a[mid] as number;
    const z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = a[i] as number;
        a[i] = a[j] as number;
        a[j] = swap;
        i++;
        j--;
      }
    }
    // Now a[left, j] ≤ pivot ≤ a[i, right], and entries between j and i equal the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  for (let i = left + 1; i <= right; i++) {
    const value = a[i] as number;
    let j = i - 1;
    while (j >= left && (a[j] as number) > value) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = value;
  }
}
