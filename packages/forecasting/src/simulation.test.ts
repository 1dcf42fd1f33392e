import { cloneState, type EtsSpec } from './ets-model';
import { fitEts } from './ets-fit';
import { oneStepMean, updateState } from './ets-recursion';
import { createRandom } from './random';
import { simulatePaths } from './simulation';

describe('simulatePaths', () => {
  const random = createRandom(23);
  const y = Array.from({ length: 60 }, (_, t) => 50 * (1 + 0.3 * ((t % 7) - 3) / 3) * (1 + 0.2 * random.normal()) + 5);

  it.each([
    ['ETS(A,N,A)', { error: 'A', trend: 'N', season: 'A', seasonLength: 7 }],
    ['ETS(M,Ad,M)', { error: 'M', trend: 'Ad', season: 'M', seasonLength: 7 }],
    ['ETS(A,A,N)', { error: 'A', trend: 'A', season: 'N', seasonLength: 7 }],
  ] as const)('when simulating %s, then each antithetic pair follows the model’s recursion with shocks ±σε, truncated at 0', (_name, spec: EtsSpec) => {
    const model = fitEts(y, spec)!;
    const horizon = 12;
    const simulated = simulatePaths([{ model, weight: 1 }], horizon, { paths: 20, seed: 5 });
    // The same draws in the same order: σ² = SSE/χ²_{n−k} per pair, then one ε per day.
    const draws = createRandom(5);
    for (let path = 0; path < 20; path += 2) {
      const sigma = Math.sqrt(model.sse / draws.chiSquared(Math.max(model.n - model.k, 1)));
      const shocks = Array.from({ length: horizon }, () => sigma * draws.normal());
      for (const [member, sign] of [[0, 1], [1, -1]] as const) {
        const state = cloneState(model.final);
        for (let h = 0; h < horizon; h++) {
          const mu = oneStepMean(state, spec, model.params.phi);
          const raw = spec.error === 'A' ? mu + sign * shocks[h]! : mu * (1 + sign * shocks[h]!);
          const value = raw > 0 ? raw : 0;
          expect(simulated.values[(path + member) * horizon + h]).toBe(value);
          updateState(state, spec, model.params, value);
        }
      }
    }
  });
});
