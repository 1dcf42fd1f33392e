import { fitEts } from './ets-fit';
import { refineSeedStates } from './seed-refinement';
import { filterSeries } from './ets-recursion';
import { createRandom } from './random';

describe('fitEts', () => {
  it('when the series follows an exact linear trend, then Holt reproduces it and forecasts the line', () => {
    const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
    const fit = fitEts(y, { error: 'A', trend: 'A', season: 'N', seasonLength: 1 })!;
    expect(fit.final.level + fit.final.trend).toBeCloseTo(5 + 2 * 30, 6);
    expect(fit.final.trend).toBeCloseTo(2, 6);
  });

  it('when fitting long simulated ETS(A,N,N) data with α = 0.3, then α is recovered within 0.1', () => {
    const random = createRandom(5);
    let level = 100;
    const y = Array.from({ length: 600 }, () => {
      const error = 5 * random.normal();
      const value = level + error;
      level += 0.3 * error;
      return value;
    });
    const fit = fitEts(y, { error: 'A', trend: 'N', season: 'N', seasonLength: 1 })!;
    expect(Math.abs(fit.params.alpha - 0.3)).toBeLessThan(0.1);
    expect(Math.sqrt(fit.sigma2)).toBeGreaterThan(4.5);
    expect(Math.sqrt(fit.sigma2)).toBeLessThan(5.5);
  });

  it('when the series is too short or not positive for a multiplicative model, then the model is not fitted', () => {
    expect(fitEts([1, 2, 3, 4, 5, 6], { error: 'A', trend: 'N', season: 'N', seasonLength: 1 })).toBeUndefined();
    expect(fitEts([1, 2, 0, 4, 5, 6, 7, 8], { error: 'M', trend: 'N', season: 'N', seasonLength: 1 })).toBeUndefined();
  });
});

describe('refineSeedStates', () => {
  it('when the model is linear, then one step lands on the least-squares seed (no other seed does better)', () => {
    const random = createRandom(9);
    const y = Float64Array.from({ length: 40 }, (_, t) => 20 + (t % 7) * 3 + random.normal());
    const spec = { error: 'A', trend: 'Ad', season: 'A', seasonLength: 7 } as const;
    const params = { alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9 };
    const sse = (state: Parameters<typeof filterSeries>[3]): number => filterSeries(y, spec, params, state).sse;
    const start = { level: 0, trend: 0, season: new Float64Array(7), phase: 0 };
    const refined = refineSeedStates(y, spec, params, start, sse);
    expect(refined.objective).toBeLessThan(sse(start));
    const again = refineSeedStates(y, spec, params, refined.state, sse);
    expect(again.objective).toBeGreaterThanOrEqual(refined.objective * (1 - 1e-9));
    for (let j = 0; j < 7; j++) {
      const nudged = { ...refined.state, season: Float64Array.from(refined.state.season) };
      nudged.season[j] = nudged.season[j]! + 0.01;
      nudged.season[6] = nudged.season[6]! - (j === 6 ? 0 : 0.01);
      expect(sse(nudged)).toBeGreaterThanOrEqual(refined.objective);
    }
  });
});
