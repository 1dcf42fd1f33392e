import { brierScore, intervalCoverage, mae, mase, rmse } from './accuracy';

describe('accuracy measures', () => {
  it('when errors are known, then MAE and RMSE match the hand computation', () => {
    expect(mae([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
    expect(rmse([1, 2, 3], [2, 2, 5])).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('when the training series changes by 2 per season, then MASE scales the MAE by 2', () => {
    const training = [1, 2, 3, 4, 5, 6];
    // Seasonal naive with m = 2: |3−1|, |4−2|, |5−3|, |6−4| → scale 2.
    expect(mase([10, 10], [12, 8], training, 2)).toBeCloseTo(1, 12);
    expect(Number.isNaN(mase([1], [1], [1, 1, 1], 1))).toBe(true);
  });

  it('when counting coverage and Brier scores, then they match the definitions', () => {
    expect(intervalCoverage([1, 5, 9], [0, 0, 0], [2, 6, 8])).toBeCloseTo(2 / 3, 12);
    expect(brierScore([1, 0, 0.5], [true, true, false])).toBeCloseTo((0 + 1 + 0.25) / 3, 12);
  });
});
