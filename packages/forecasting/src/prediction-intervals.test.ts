import { mean, quantile } from 'simple-statistics';
import { fitMean } from './mean-model';
import { createRandom } from './random';
import { breachProbability, dailyBands, pathTotals } from './prediction-intervals';
import { simulatePaths } from './simulation';

describe('breachProbability', () => {
  const totals = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];

  it('when the cap is already exceeded, then the probability is 1', () => {
    expect(breachProbability(totals, 101, 100)).toBe(1);
  });

  it('when the cap rises or the spend falls, then the probability never rises', () => {
    const byCap = [0, 25, 50, 75, 100].map((limit) => breachProbability(totals, 0, limit));
    expect(byCap).toEqual([...byCap].sort((a, b) => b - a));
    const bySpend = [0, 20, 40, 60].map((spent) => breachProbability(totals, spent, 100));
    expect(bySpend).toEqual([...bySpend].sort((a, b) => a - b));
    expect(breachProbability(totals, 0, 45)).toBe(0.5);
  });
});

describe('dailyBands and pathTotals', () => {
  it('when simulating the mean model, then bands nest, are non-negative, and totals add the days', () => {
    const simulated = simulatePaths([{ model: fitMean([10, 30, 20, 25, 15]), weight: 1 }], 5, { paths: 400, seed: 7 });
    for (const band of dailyBands(simulated)) {
      expect(band.lower95).toBeGreaterThanOrEqual(0);
      expect(band.lower95).toBeLessThanOrEqual(band.lower80);
      expect(band.lower80).toBeLessThanOrEqual(band.meanUsd);
      expect(band.meanUsd).toBeLessThanOrEqual(band.upper80);
      expect(band.upper80).toBeLessThanOrEqual(band.upper95);
    }
    const lastTwo = pathTotals(simulated, 3);
    expect(lastTwo[0]).toBeCloseTo(simulated.values[3]! + simulated.values[4]!, 12);
  });
});

describe('dailyBands, exactly simple-statistics', () => {
  it.each([
    ['continuous values', 1000, (r: () => number) => 100 * Math.exp(r())],
    ['many zeros and ties', 1000, (r: () => number) => Math.max(0, Math.round(r() * 3))],
    ['a constant day', 1000, () => 42],
    ['one huge outlier', 1000, (r: () => number) => (r() > 3 ? 1e300 : Math.abs(r()))],
    ['few paths', 10, (r: () => number) => Math.abs(r())],
    ['an odd number of paths', 1001, (r: () => number) => Math.abs(r())],
  ])('when the paths hold %s, then mean and quantiles equal simple-statistics’ mean and quantile (type 7)', (_name, paths, draw) => {
    const random = createRandom(paths);
    const horizon = 6;
    const values = Float64Array.from({ length: paths * horizon }, () => draw(() => random.normal()));
    const bands = dailyBands({ horizon, paths, values });
    bands.forEach((band, h) => {
      const column = Array.from({ length: paths }, (_, p) => values[p * horizon + h]!);
      const [lower95, lower80, upper80, upper95] = quantile(column, [0.025, 0.1, 0.9, 0.975]);
      expect(band).toEqual({ meanUsd: Math.min(Math.max(mean(column), lower80!), upper80!), lower95, lower80, upper80, upper95 });
    });
  });
});
