/**
 * A seeded pseudo-random source: the small fast counter generator sfc32 (Doty-Humphrey, PractRand), seeded through
 * splitmix32, giving uniforms on [0, 1) with 2⁻³² resolution. The same seed always gives the same sequence, so
 * forecasts are reproducible; nothing here reads a clock or global state.
 */
export interface Random {
  /** Uniform on the open interval (0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Chi-squared with `dof` > 0 degrees of freedom. */
  chiSquared(dof: number): number;
  /** Fills out[0, count) with scale·N(0, 1): the same draws, in order, as `count` calls of scale * normal(). */
  fillNormal(out: Float64Array, count: number, scale: number): void;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  const uniform = (): number => (next() + 0.5) / 4294967296;
  let spare = NaN;
  // Marsaglia's polar method: two independent normals per accepted pair, no trigonometric calls.
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * factor;
        return u * factor;
      }
    }
  };
  // normal() written out for a whole array (the simulation draws one normal per path and day).
  const fillNormal = (out: Float64Array, count: number, scale: number): void => {
    let h = 0;
    if (h < count && !Number.isNaN(spare)) {
      out[h++] = scale * spare;
      spare = NaN;
    }
    while (h < count) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (!(s > 0 && s < 1)) continue;
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      out[h++] = scale * (u * factor);
      if (h < count) out[h++] = scale * (v * factor);
      else spare = v * factor;
    }
  };
  // Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape).
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  };
  return { uniform, normal, chiSquared: (dof) => 2 * gamma(dof / 2), fillNormal };
}
