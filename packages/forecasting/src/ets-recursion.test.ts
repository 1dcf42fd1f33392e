import type { EtsSpec, EtsState, SmoothingParams } from './ets-model';
import { filterSeries, oneStepMean, pointForecasts, updateState } from './ets-recursion';
import { createRandom } from './random';

// Each case was worked through by hand with the recurrences of FPP3 §8.5 (observation form, as in ets-recursion.ts);
// the intermediate values are in the comments. Season length 2 keeps the seasonal ring small enough to follow.

function state(level: number, trend = 0, season: number[] = []): EtsState {
  return { level, trend, season: Float64Array.from(season), phase: 0 };
}

function expectRelative(actual: number | undefined, expected: number): void {
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

function run(spec: EtsSpec, params: SmoothingParams, initial: EtsState, y: number[]) {
  const fitted = new Float64Array(y.length);
  const result = filterSeries(y, spec, params, initial, fitted);
  return { ...result, fitted: [...fitted] };
}

describe('ETS recursions by hand', () => {
  it('when simple exponential smoothing ETS(A,N,N) runs 3 steps, then it matches the hand computation', () => {
    // α = 0.5, ℓ₀ = 10: μ₁ = 10, ℓ₁ = 11; μ₂ = 11, ℓ₂ = 9.5; μ₃ = 9.5, ℓ₃ = 10.25; SSE = 4 + 9 + 2.25.
    const r = run({ error: 'A', trend: 'N', season: 'N', seasonLength: 1 }, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, state(10), [12, 8, 11]);
    [10, 11, 9.5].forEach((mu, t) => expectRelative(r.fitted[t], mu));
    expectRelative(r.final.level, 10.25);
    expectRelative(r.sse, 15.25);
    expect([...pointForecasts(r.final, { error: 'A', trend: 'N', season: 'N', seasonLength: 1 }, 1, 2)]).toEqual([10.25, 10.25]);
  });

  it('when Holt’s linear trend ETS(A,A,N) runs 3 steps, then it matches the hand computation', () => {
    // α = 0.5, β = 0.2, ℓ₀ = 10, b₀ = 1. t1: μ = 11, e = 1, ℓ = 11.5, b = 1.2. t2: μ = 12.7, e = 0.3, ℓ = 12.85,
    // b = 1.26. t3: μ = 14.11, e = 0.89, ℓ = 14.555, b = 1.438. Forecasts ℓ + h·b: 15.993, 17.431.
    const spec: EtsSpec = { error: 'A', trend: 'A', season: 'N', seasonLength: 1 };
    const r = run(spec, { alpha: 0.5, beta: 0.2, gamma: 0, phi: 1 }, state(10, 1), [12, 13, 15]);
    [11, 12.7, 14.11].forEach((mu, t) => expectRelative(r.fitted[t], mu));
    expectRelative(r.final.level, 14.555);
    expectRelative(r.final.trend, 1.438);
    expectRelative(r.sse, 1 + 0.09 + 0.7921);
    const forecasts = pointForecasts(r.final, spec, 1, 2);
    expectRelative(forecasts[0], 15.993);
    expectRelative(forecasts[1], 17.431);
  });

  it('when the damped trend ETS(A,Ad,N) runs 2 steps, then it matches the hand computation', () => {
    // α = 0.5, β = 0.2, φ = 0.9, ℓ₀ = 10, b₀ = 1. t1: φb = 0.9, μ = 10.9, e = 1.1, ℓ = 11.45, b = 1.12.
    // t2: φb = 1.008, μ = 12.458, e = 0.542, ℓ = 12.729, b = 1.1164. Forecasts ℓ + (φ + … + φ^h)·b.
    const spec: EtsSpec = { error: 'A', trend: 'Ad', season: 'N', seasonLength: 1 };
    const r = run(spec, { alpha: 0.5, beta: 0.2, gamma: 0, phi: 0.9 }, state(10, 1), [12, 13]);
    [10.9, 12.458].forEach((mu, t) => expectRelative(r.fitted[t], mu));
    expectRelative(r.final.level, 12.729);
    expectRelative(r.final.trend, 1.1164);
    const forecasts = pointForecasts(r.final, spec, 0.9, 2);
    expectRelative(forecasts[0], 12.729 + 0.9 * 1.1164);
    expectRelative(forecasts[1], 12.729 + 1.71 * 1.1164);
  });

  it('when additive Holt-Winters ETS(A,N,A) runs 3 steps, then it matches the hand computation', () => {
    // α = 0.5, γ = 0.4, ℓ₀ = 10, s = (2, −2). t1: μ = 12, e = 1, ℓ = 10.5, s₁ = 2 + 0.4·(13 − 10 − 2) = 2.4.
    // t2: μ = 8.5, e = −1.5, ℓ = 9.75, s₂ = −2 + 0.4·(7 − 10.5 + 2) = −2.6. t3: μ = 12.15, e = −0.15, ℓ = 9.675,
    // s₁ = 2.4 + 0.4·(12 − 9.75 − 2.4) = 2.34. Next day uses s₂: 9.675 − 2.6, then s₁: 9.675 + 2.34.
    const spec: EtsSpec = { error: 'A', trend: 'N', season: 'A', seasonLength: 2 };
    const r = run(spec, { alpha: 0.5, beta: 0, gamma: 0.4, phi: 1 }, state(10, 0, [2, -2]), [13, 7, 12]);
    [12, 8.5, 12.15].forEach((mu, t) => expectRelative(r.fitted[t], mu));
    expectRelative(r.final.level, 9.675);
    expect(r.final.phase).toBe(1);
    expectRelative(r.final.season[0], 2.34);
    expectRelative(r.final.season[1], -2.6);
    expectRelative(r.sse, 1 + 2.25 + 0.0225);
    const forecasts = pointForecasts(r.final, spec, 1, 3);
    expectRelative(forecasts[0], 7.075);
    expectRelative(forecasts[1], 12.015);
    expectRelative(forecasts[2], 7.075);
  });

  it('when multiplicative Holt-Winters ETS(M,N,M) runs 2 steps, then it matches the hand computation', () => {
    // α = 0.5, γ = 0.2, ℓ₀ = 10, s = (1.2, 0.8). t1: μ = 12, e = 1/12, ℓ = 10 + 0.5·(13/1.2 − 10) = 10.41667,
    // s₁ = 1.2 + 0.2·(13/10 − 1.2) = 1.22. t2: μ = 8.33333, e = −0.16, ℓ = 9.58333, s₂ = 0.8 + 0.2·(7/10.41667 − 0.8)
    // = 0.7744. SSE of relative errors = 1/144 + 0.0256; Σ log μ = log 12 + log 8.33333.
    const spec: EtsSpec = { error: 'M', trend: 'N', season: 'M', seasonLength: 2 };
    const r = run(spec, { alpha: 0.5, beta: 0, gamma: 0.2, phi: 1 }, state(10, 0, [1.2, 0.8]), [13, 7]);
    [12, 25 / 3].forEach((mu, t) => expectRelative(r.fitted[t], mu));
    expectRelative(r.final.level, 115 / 12);
    expectRelative(r.final.season[0], 1.22);
    expectRelative(r.final.season[1], 0.7744);
    expectRelative(r.sse, 1 / 144 + 0.0256);
    expectRelative(r.sumLogMean, Math.log(12) + Math.log(25 / 3));
    const forecasts = pointForecasts(r.final, spec, 1, 2);
    expectRelative(forecasts[0], (115 / 12) * 1.22);
    expectRelative(forecasts[1], (115 / 12) * 0.7744);
  });

  it('when Holt-Winters with trend ETS(M,A,M) runs 2 steps, then it matches the hand computation', () => {
    // α = 0.5, β = 0.1, γ = 0.2, ℓ₀ = 10, b₀ = 1, s = (1.2, 0.8). t1: q = 11, μ = 13.2, p = 14/1.2, ℓ = 11.33333,
    // b = 1.066667, s₁ = 1.2 + 0.2·(14/11 − 1.2). t2: q = 12.4, μ = 9.92, p = 11.25, ℓ = 11.825, b = 0.951667,
    // s₂ = 0.8 + 0.2·(9/12.4 − 0.8).
    const spec: EtsSpec = { error: 'M', trend: 'A', season: 'M', seasonLength: 2 };
    const r = run(spec, { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 1 }, state(10, 1, [1.2, 0.8]), [14, 9]);
    [13.2, 9.92].forEach((mu, t) => expectRelative(r.fitted[t], mu));
    expectRelative(r.final.level, 11.825);
    expectRelative(r.final.trend, 1.066666666666667 - 0.115);
    expectRelative(r.final.season[0], 1.2 + 0.2 * (14 / 11 - 1.2));
    expectRelative(r.final.season[1], 0.8 + 0.2 * (9 / 12.4 - 0.8));
    expectRelative(pointForecasts(r.final, spec, 1, 1)[0], (11.825 + 0.9516666666666667) * (1.2 + 0.2 * (14 / 11 - 1.2)));
  });

  it('when a multiplicative model meets a non-positive mean, then the run is marked invalid instead of returning NaN', () => {
    const r = run({ error: 'M', trend: 'N', season: 'N', seasonLength: 1 }, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, state(0), [1, 2]);
    expect(r.valid).toBe(false);
    expect(r.sse).toBe(Infinity);
  });
});

describe('filterSeries, the written-out recursion', () => {
  const models: EtsSpec[] = (['A', 'M'] as const).flatMap((error) =>
    (['N', 'A', 'Ad'] as const).flatMap((trend) => (['N', 'A', 'M'] as const).map((season) => ({ error, trend, season, seasonLength: 7 }))),
  );

  it.each(models.map((spec) => [`ETS(${spec.error},${spec.trend},${spec.season})`, spec] as const))(
    'when %s is filtered, then it gives exactly what stepping oneStepMean and updateState gives',
    (_name, spec) => {
      const random = createRandom(17);
      for (let trial = 0; trial < 5; trial++) {
        const y = Array.from({ length: 40 }, (_, t) => 100 * (1 + 0.3 * Math.sin(t)) * (1 + 0.1 * random.normal()));
        const alpha = 0.05 + 0.9 * random.uniform();
        const params = { alpha, beta: spec.trend === 'N' ? 0 : alpha * random.uniform(), gamma: spec.season === 'N' ? 0 : (1 - alpha) * random.uniform(), phi: spec.trend === 'Ad' ? 0.9 : 1 };
        const season = spec.season === 'N' ? [] : Array.from({ length: 7 }, () => (spec.season === 'A' ? 20 * random.normal() : 0.8 + 0.4 * random.uniform()));
        const initial = { ...state(90 + 20 * random.uniform(), random.normal(), season), phase: spec.season === 'N' ? 0 : trial };

        const stepped = { ...initial, season: Float64Array.from(initial.season) };
        const means: number[] = [];
        let sse = 0;
        for (const value of y) {
          const mu = oneStepMean(stepped, spec, params.phi);
          means.push(mu);
          const e = spec.error === 'A' ? value - mu : (value - mu) / mu;
          sse += e * e;
          expect(updateState(stepped, spec, params, value)).toBe(true);
        }
        const fitted = new Float64Array(y.length);
        const run = filterSeries(y, spec, params, initial, fitted);
        expect(run.valid).toBe(true);
        expect([...fitted]).toEqual(means);
        expect(run.sse).toBe(sse);
        expect(run.final).toEqual(stepped);
        expect(initial.season).toEqual(Float64Array.from(season));
      }
    },
  );
});
