import { fitMean } from './mean-model';
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
