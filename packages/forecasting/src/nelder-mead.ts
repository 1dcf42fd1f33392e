export interface NelderMeadOptions {
  /** Side of the initial simplex along each coordinate (in the units of x). */
  step: number;
  /**
   * Stop when the simplex's objective values differ by less than this. Absolute, so that adding a constant to f
   * (as rescaling the data does to a log-likelihood) does not change the path taken.
   */
  tolerance: number;
  /** Hard limit on objective evaluations. */
  maxEvaluations: number;
  /** f(start), when the caller already has it: it is used instead of evaluating f there (and still counted). */
  startValue?: number;
}

export interface Minimum {
  x: Float64Array;
  value: number;
  evaluations: number;
}

/**
 * Minimises f over ℝⁿ with the Nelder–Mead downhill simplex (Nelder & Mead 1965; standard coefficients
 * reflection 1, expansion 2, contraction ½, shrink ½, as in Lagarias et al. 1998). Derivative-free, as R's
 * `optim(method = "Nelder-Mead")` used by `forecast::ets` (FPP3 §8.6). f may return +Infinity for inadmissible
 * points; they are never accepted over finite ones. Deterministic: no randomness, fixed evaluation order.
 */
export function nelderMead(f: (x: Float64Array) => number, start: Float64Array, options: NelderMeadOptions): Minimum {
  const n = start.length;
  const points: Float64Array[] = [];
  const values: number[] = [];
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const value = f(x);
    return Number.isNaN(value) ? Infinity : value;
  };
  for (let i = 0; i <= n; i++) {
    const point = Float64Array.from(start);
    if (i > 0) point[i - 1] = (point[i - 1] ?? 0) + options.step;
    points.push(point);
    if (i === 0 && options.startValue !== undefined) {
      evaluations++;
      values.push(Number.isNaN(options.startValue) ? Infinity : options.startValue);
    } else values.push(evaluate(point));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  // Trial points live in these buffers; an accepted one is copied into the simplex.
  const reflected = new Float64Array(n);
  const expanded = new Float64Array(n);
  const contracted = new Float64Array(n);
  const along = (out: Float64Array, from: Float64Array, towards: Float64Array, coefficient: number): Float64Array => {
    for (let j = 0; j < n; j++) out[j] = (from[j] ?? 0) + coefficient * ((towards[j] ?? 0) - (from[j] ?? 0));
    return out;
  };
  const replaceWorst = (worst: number, point: Float64Array, value: number): void => {
    (points[worst] ?? centroid).set(point);
    values[worst] = value;
  };
  while (evaluations < options.maxEvaluations) {
    sortByValue(order, values);
    const best = order[0] ?? 0;
    const worst = order[n] ?? 0;
    const secondWorst = order[n - 1] ?? 0;
    const fBest = values[best] ?? Infinity;
    const fWorst = values[worst] ?? Infinity;
    if (Number.isFinite(fWorst) && fWorst - fBest <= options.tolerance) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const point = points[order[i] ?? 0] ?? start;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] ?? 0) + (point[j] ?? 0) / n;
    }
    const worstPoint = points[worst] ?? start;
    along(reflected, centroid, worstPoint, -1);
    const fReflected = evaluate(reflected);
    if (fReflected < fBest) {
      along(expanded, centroid, worstPoint, -2);
      const fExpanded = evaluate(expanded);
      if (fExpanded < fReflected) replaceWorst(worst, expanded, fExpanded);
      else replaceWorst(worst, reflected, fReflected);
      continue;
    }
    if (fReflected < (values[secondWorst] ?? Infinity)) {
      replaceWorst(worst, reflected, fReflected);
      continue;
    }
    const outside = fReflected < fWorst;
    along(contracted, centroid, outside ? reflected : worstPoint, 0.5);
    const fContracted = evaluate(contracted);
    if (fContracted < (outside ? fReflected : fWorst)) {
      replaceWorst(worst, contracted, fContracted);
      continue;
    }
    const bestPoint = points[best] ?? start;
    for (let i = 1; i <= n; i++) {
      const index = order[i] ?? 0;
      const point = points[index] ?? start;
      along(point, bestPoint, point, 0.5);
      values[index] = evaluate(point);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if ((values[i] ?? Infinity) < (values[bestIndex] ?? Infinity)) bestIndex = i;
  return { x: points[bestIndex] ?? start, value: values[bestIndex] ?? Infinity, evaluations };
}

/**
 * Sorts the vertex indices by value, ties (and infinities) by index: the order `Array.prototype.sort` gives with
 * the comparator (a, b) => values[a] − values[b] || a − b, as an insertion sort over the n + 1 vertices.
 */
function sortByValue(order: number[], values: readonly number[]): void {
  for (let i = 1; i < order.length; i++) {
    const index = order[i] ?? 0;
    const value = values[index] ?? Infinity;
    let j = i - 1;
    for (; j >= 0; j--) {
      const other = order[j] ?? 0;
      const otherValue = values[other] ?? Infinity;
      if (!(otherValue - value > 0 || (!(otherValue - value < 0) && other > index))) break;
      order[j + 1] = other;
    }
    order[j + 1] = index;
  }
}
