import { additive, evaluate, multiplicative } from '../support/calibration-experiment';

// Empirical calibration on series simulated from known processes (see ../support/calibration-experiment.ts).
// Bounds are wide enough for the sampling error of 100 series, narrow enough to catch a broken simulation.

// Two hundred full forecasts: allow for a busy machine (this is a guard, not a timing assertion).
jest.setTimeout(180_000);

describe('calibration on simulated spend', () => {
  it.each([
    ['additive weekly pattern, ETS(A,N,A)', additive, 11],
    ['multiplicative weekly pattern, ETS(M,N,M)', multiplicative, 12],
  ] as const)('when the data come from %s, then intervals cover and breach probabilities come true as stated', (_name, process, seed) => {
    const result = evaluate(process, seed, 100);
    expect(result.daily80).toBeGreaterThan(0.75);
    expect(result.daily80).toBeLessThan(0.87);
    expect(result.daily95).toBeGreaterThan(0.92);
    expect(result.daily95).toBeLessThan(0.98);
    expect(result.total80).toBeGreaterThan(0.66);
    expect(result.total80).toBeLessThan(0.92);
    // Reliability in the large: stated probabilities match the observed breach frequency on average.
    expect(Math.abs(result.meanProbability - result.baseRate)).toBeLessThan(0.06);
    // Skill: much better than always stating the base rate.
    expect(result.brier).toBeLessThan(0.6 * result.climatologyBrier);
  });
});
