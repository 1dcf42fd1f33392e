import {
  GRANULARITY_SHAPES,
  MAD_TO_SIGMA,
  SENSITIVITY_THRESHOLDS,
  madSigmaInPlace,
  medianInPlace,
  type AnomalyGranularity,
  type DetectedAnomaly,
} from '@finops/forecasting';

/** Threshold of the reference method, in robust standard deviations of the same-slot values. */
const BASELINE_Z = 3;

/**
 * The reference the detector must beat (issue 16): per point, the median and 1.4826·MAD of the same hour-of-week
 * (day-of-week) over the previous weeks; a point is anomalous when it lies more than three of those σ from the
 * median; consecutive anomalous points in one direction are one anomaly, reported when its |impact| reaches the same
 * floor the detector uses. No level correction, no pooling of the scale, no drop or slow-growth test.
 */
export function detectWithBaseline(y: ArrayLike<number>, granularity: AnomalyGranularity): DetectedAnomaly[] {
  const shape = GRANULARITY_SHAPES[granularity];
  const thresholds = SENSITIVITY_THRESHOLDS.normal;
  const m = shape.seasonLength;
  const n = y.length;
  const scratch = new Float64Array(shape.maxSeasons);
  const found: DetectedAnomaly[] = [];
  let open: DetectedAnomaly | null = null;
  let typical = 0;
  const finish = (end: number): void => {
    if (!open) return;
    open.endIndex = end;
    open.impactUsd = open.actualUsd - open.expectedUsd;
    const floor = Math.max(thresholds.minImpactUsd, thresholds.impactPerPoint[granularity] * typical);
    if (Math.abs(open.impactUsd) >= floor) found.push(open);
    open = null;
  };
  for (let t = shape.minSeasons * m; t < n; t++) {
    if (t % shape.pointsPerDay === 0) {
      let total = 0;
      for (let j = t - m; j < t; j++) total += y[j] as number;
      typical = total / m;
    }
    let count = 0;
    for (let k = 1; k <= shape.maxSeasons && t - k * m >= 0; k++) scratch[count++] = y[t - k * m] as number;
    const median = medianInPlace(scratch, count);
    for (let k = 0; k < count; k++) scratch[k] = y[t - (k + 1) * m] as number;
    const sigma = Math.max(madSigmaInPlace(scratch, count), 1e-9 * MAD_TO_SIGMA);
    const yt = y[t] as number;
    const direction = yt - median > BASELINE_Z * sigma ? 'up' : median - yt > BASELINE_Z * sigma ? 'down' : null;
    const current = open as DetectedAnomaly | null;
    if (current && current.direction !== direction) finish(t);
    if (!direction) continue;
    if (!open) open = { startIndex: t, endIndex: t + 1, expectedUsd: 0, actualUsd: 0, impactUsd: 0, score: 0, direction };
    const active = open as DetectedAnomaly;
    active.expectedUsd += median;
    active.actualUsd += yt;
    active.score = Math.max(active.score, Math.abs(yt - median) / sigma);
  }
  finish(n);
  return found;
}
