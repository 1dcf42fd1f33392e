import { createRandom } from './random';
import { MAD_TO_SIGMA, madSigmaInPlace, medianInPlace } from './robust-statistics';

// Every expected value below is worked out by hand in the comment next to it.

const buffer = (values: number[]): Float64Array => Float64Array.from(values);

describe('medianInPlace', () => {
  it('when the count is odd, then it is the middle value of the sorted prefix', () => {
    // sorted 1, 2, 3, 7, 9 → 3
    expect(medianInPlace(buffer([7, 1, 9, 3, 2]), 5)).toBe(3);
  });

  it('when the count is even, then it is the mean of the two middle values', () => {
    // sorted 1, 2, 4, 8 → (2 + 4) / 2 = 3
    expect(medianInPlace(buffer([8, 1, 4, 2]), 4)).toBe(3);
  });

  it('when values are negative or have different digit counts, then they are ordered as numbers, not as text', () => {
    // numerically −1, 2, 9, 10 → (2 + 9) / 2 = 5.5 (a text sort, "-1" "10" "2" "9", would give (10 + 2) / 2 = 6)
    expect(medianInPlace(buffer([10, 9, -1, 2]), 4)).toBe(5.5);
  });

  it('when only a prefix is counted, then the entries after it neither count nor move', () => {
    // prefix 5, 3, 4 → sorted 3, 4, 5 → 4; the 100 and 200 stay where they are, the prefix keeps its values
    const values = buffer([5, 3, 4, 100, 200]);
    expect(medianInPlace(values, 3)).toBe(4);
    expect([...values.subarray(0, 3)].sort((a, b) => a - b)).toEqual([3, 4, 5]);
    expect([...values.subarray(3)]).toEqual([100, 200]);
  });

  it('when compared with sorting on random samples of every size up to 600, ties and negatives included, then it agrees', () => {
    const random = createRandom(7);
    for (let count = 1; count <= 600; count++) {
      // Half the samples are drawn from few values, so that many entries tie with the pivot.
      const values = Array.from({ length: count }, () => (count % 2 ? Math.round(10 * random.uniform()) - 3 : random.normal() * 100));
      const sorted = [...values].sort((a, b) => a - b);
      const reference = count % 2 ? sorted[count >> 1]! : (sorted[(count >> 1) - 1]! + sorted[count >> 1]!) / 2;
      const scratch = Float64Array.from([...values, 1e9, -1e9]);
      expect({ count, median: medianInPlace(scratch, count) }).toEqual({ count, median: reference });
      expect([...scratch.subarray(0, count)].sort((a, b) => a - b)).toEqual(sorted);
      expect([...scratch.subarray(count)]).toEqual([1e9, -1e9]);
    }
  });

  it('when one value is arbitrarily wrong, then the median hardly moves (breakdown point one half)', () => {
    // 1, 2, 3, 4, 5 → 3, and with 5 replaced by 1e9 still 3
    expect(medianInPlace(buffer([1, 2, 3, 4, 1e9]), 5)).toBe(3);
  });

  it('when there is one value, then it is the median; when there is none, then NaN', () => {
    expect(medianInPlace(buffer([42]), 1)).toBe(42);
    expect(medianInPlace(buffer([1, 2]), 0)).toBeNaN();
  });
});

describe('madSigmaInPlace', () => {
  it('when the consistency constant is checked, then it is 1 / Φ⁻¹(3/4)', () => {
    // Φ⁻¹(0.75) = 0.6744897501960817 → 1 / 0.67449 = 1.482602…
    expect(Math.abs(MAD_TO_SIGMA - 1 / 0.6744897501960817)).toBeLessThan(1e-4);
  });

  it('when the count is odd, then it is 1.4826 × the median absolute deviation from the median', () => {
    // 1, 2, 3, 4, 100: median 3; |deviations| 2, 1, 0, 1, 97 → sorted 0, 1, 1, 2, 97 → MAD 1 → 1.4826
    expect(madSigmaInPlace(buffer([1, 2, 3, 4, 100]), 5)).toBeCloseTo(1.4826, 12);
  });

  it('when the count is even, then both medians are means of the middle pair', () => {
    // 1, 2, 4, 8: median 3; |deviations| 2, 1, 1, 5 → sorted 1, 1, 2, 5 → MAD 1.5 → 2.2239
    expect(madSigmaInPlace(buffer([1, 2, 4, 8]), 4)).toBeCloseTo(1.5 * 1.4826, 12);
  });

  it('when half the sample less one is replaced by huge values, then the scale stays that of the rest', () => {
    // 10, 11, 12, 1e6, 1e7: median 12; |deviations| 2, 1, 0, ~1e6, ~1e7 → sorted 0, 1, 2, … → MAD 2 → 2.9652
    // (the standard deviation of the same numbers is about 4e6)
    expect(madSigmaInPlace(buffer([10, 1e6, 11, 1e7, 12]), 5)).toBeCloseTo(2 * 1.4826, 12);
  });

  it('when all values are equal, then the scale is zero', () => {
    expect(madSigmaInPlace(buffer([5, 5, 5, 5]), 4)).toBe(0);
  });

  it('when only a prefix is counted, then the values after it are ignored', () => {
    // prefix 2, 4, 6: median 4; |deviations| 2, 0, 2 → MAD 2 → 2.9652
    expect(madSigmaInPlace(buffer([2, 4, 6, 1000, -1000]), 3)).toBeCloseTo(2 * 1.4826, 12);
  });

  it('when the sample is empty, then NaN', () => {
    expect(madSigmaInPlace(buffer([]), 0)).toBeNaN();
  });
});
