import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('when minimising a shifted quadratic bowl, then it finds the centre', () => {
    const result = nelderMead((x) => (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2, Float64Array.from([0, 0]), {
      step: 1,
      tolerance: 1e-14,
      maxEvaluations: 2000,
    });
    expect(Math.abs(result.x[0]! - 3)).toBeLessThan(1e-5);
    expect(Math.abs(result.x[1]! + 1)).toBeLessThan(1e-5);
  });

  it('when minimising the Rosenbrock valley, then it reaches (1, 1)', () => {
    const result = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, Float64Array.from([-1.2, 1]), {
      step: 0.5,
      tolerance: 1e-16,
      maxEvaluations: 5000,
    });
    expect(Math.abs(result.x[0]! - 1)).toBeLessThan(1e-3);
    expect(Math.abs(result.x[1]! - 1)).toBeLessThan(1e-3);
  });

  it('when part of the space is inadmissible (Infinity or NaN), then it stays in the admissible part', () => {
    const result = nelderMead((x) => (x[0]! < 0.5 ? Infinity : Number.isNaN(x[0]!) ? NaN : (x[0]! - 0.5) ** 2), Float64Array.from([2]), {
      step: 1,
      tolerance: 1e-12,
      maxEvaluations: 500,
    });
    expect(result.x[0]!).toBeGreaterThanOrEqual(0.5);
    expect(Number.isFinite(result.value)).toBe(true);
  });

  it('when the evaluation budget is small, then it never exceeds it by more than one shrink', () => {
    const result = nelderMead((x) => x.reduce((sum, v) => sum + v * v, 0), Float64Array.from([5, 5, 5]), {
      step: 1,
      tolerance: 0,
      maxEvaluations: 20,
    });
    expect(result.evaluations).toBeLessThanOrEqual(20 + 3);
  });
});
