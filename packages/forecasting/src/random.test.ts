import { mean, variance } from 'simple-statistics';
import { createRandom } from './random';

describe('createRandom', () => {
  it('when two generators share a seed, then they give the same sequence; different seeds differ', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = Array.from({ length: 5 }, () => a.normal());
    expect(Array.from({ length: 5 }, () => b.normal())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.normal())).not.toEqual(first);
  });

  it('when drawing many uniforms, then they lie in (0, 1) with mean 1/2 and variance 1/12', () => {
    const random = createRandom(1);
    const draws = Array.from({ length: 50_000 }, () => random.uniform());
    expect(Math.min(...draws)).toBeGreaterThan(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.abs(mean(draws) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance(draws) - 1 / 12)).toBeLessThan(0.002);
  });

  it('when drawing many normals, then mean ≈ 0, variance ≈ 1 and 95% fall within ±1.96', () => {
    const random = createRandom(2);
    const draws = Array.from({ length: 50_000 }, () => random.normal());
    expect(Math.abs(mean(draws))).toBeLessThan(0.02);
    expect(Math.abs(variance(draws) - 1)).toBeLessThan(0.03);
    expect(Math.abs(draws.filter((z) => Math.abs(z) < 1.959964).length / draws.length - 0.95)).toBeLessThan(0.005);
  });

  it.each([1, 3, 30])('when drawing chi-squared with %i degrees of freedom, then mean ≈ ν and variance ≈ 2ν', (dof) => {
    const random = createRandom(3);
    const draws = Array.from({ length: 40_000 }, () => random.chiSquared(dof));
    expect(Math.min(...draws)).toBeGreaterThan(0);
    expect(Math.abs(mean(draws) / dof - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance(draws) / (2 * dof) - 1)).toBeLessThan(0.08);
  });

  it('when filling arrays with scaled normals, then they are the draws of repeated normal() calls, spare included', () => {
    const bulk = createRandom(4);
    const single = createRandom(4);
    for (const [count, scale] of [[7, 2], [1, 0.5], [30, 3], [0, 1], [4, 1], [13, -1.5]] as const) {
      const out = new Float64Array(count);
      bulk.fillNormal(out, count, scale);
      expect([...out]).toEqual(Array.from({ length: count }, () => scale * single.normal()));
      expect(bulk.chiSquared(5)).toBe(single.chiSquared(5));
    }
  });
});
