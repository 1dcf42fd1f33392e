import {
  GRANULARITY_SHAPES,
  SENSITIVITY_THRESHOLDS,
  type AnomalyGranularity,
  type AnomalySensitivity,
  type GranularityShape,
  type SensitivityThresholds,
} from './anomaly-settings';
import { madSigmaInPlace, medianInPlace } from './robust-statistics';
import { seasonalMedianAt, seasonalMedianBaseline } from './seasonal-baseline';

export interface DetectedAnomaly {
  /** Index of the first anomalous point. */
  startIndex: number;
  /** Index after the last anomalous point (exclusive); the series length when it is still going on. */
  endIndex: number;
  /** Sums over [startIndex, endIndex), series units (USD). impactUsd = actualUsd − expectedUsd. */
  expectedUsd: number;
  actualUsd: number;
  impactUsd: number;
  /** Largest robust z-score reached inside the anomaly (units of σ of the log residuals). */
  score: number;
  direction: 'up' | 'down';
}

export interface AnomalyModel {
  method: 'seasonal-median';
  seasonLength: number;
  maxSeasons: number;
  /** First index judged: earlier points lack `minSeasons` weeks of history. Equals the length when none is. */
  firstScoredIndex: number;
  /** Robust σ of the log residuals at the end of the series (NaN when nothing was judged). */
  noiseSigma: number;
  /** Typical spend per point at the end of the series (mean expectation over the last week), USD. */
  typicalUsd: number;
  /** The smallest |impact| reported at the end of the series, USD. */
  minImpactUsd: number;
}

export interface AnomalyDetection {
  anomalies: DetectedAnomaly[];
  model: AnomalyModel;
}

/** Floors that keep a perfectly regular series from turning rounding noise into huge z-scores. */
const MIN_NOISE_SIGMA = 0.05;
const MIN_LEVEL_SIGMA = 0.02;
/** Residuals are ln((y + c)/(ê + c)) with c this fraction of the typical spend: near-zero hours cannot explode. */
const OFFSET_FRACTION = 0.1;
/** Limit on the level correction (≈ ±35 %): a trend is followed, a sudden doubling is not learnt within days. */
const MAX_LOG_BIAS = 0.3;
/** A drop continues while spend stays at most this fraction of the expectation. */
const DROP_CONTINUE_RATIO = 0.5;

interface OpenAnomaly {
  direction: 'up' | 'down';
  start: number;
  score: number;
  floorUsd: number;
  /** Opened by the level test: it continues while the level half-holds. A spike continues only by its own points. */
  byLevel: boolean;
}

interface Estimates {
  typical: number;
  offset: number;
  sigma: number;
  levelSigma: number;
  logBias: number;
  floorUsd: number;
}

/**
 * Finds anomalies in a contiguous spend series (one value per hour or per day, non-negative USD).
 *
 * Expectation: the median of the same hour-of-week (day-of-week) over the previous 3–K weeks (`seasonalMedianBaseline`),
 * times a level correction exp(b) where b is the median log residual of the last two weeks (|b| ≤ 0.3), so a trend is
 * followed while a spike, however large, moves neither the median nor b. Scale: σ = 1.4826·MAD of those residuals,
 * pooled over all hours, re-estimated once a day from earlier points only; so the verdict on a point never depends
 * on what comes after it, and running on every hourly prefix gives the same anomalies as running once at the end.
 *
 * Tests, with thresholds from `SENSITIVITY_THRESHOLDS`:
 * - spike: z_t = ln((y_t + c)/(ê_t + c))/σ ≥ openZ, or two consecutive points jointly ((z_{t−1} + z_t)/√2 ≥ openZ);
 * - level: over the last `levelWindow` points, Σy/Σê above both `levelRatio` and exp(levelZ·σ_L) (slow growth);
 * - drop: the shortest recent stretch whose expected spend reaches the impact floor has spent ≤ dropRatio of it.
 * An anomaly continues while points stay above continueZ (one the level test opened also while the level test
 * half-holds; for drops, while spend stays ≤ half the expectation), so a spike ends with its last point rather than
 * when it leaves the level window; the level test that opens an anomaly counts the points of earlier ones at their
 * expectation. Anomalies in one direction less than `mergeGap` points apart are one, and only those whose |impact|
 * reaches max(minImpactUsd, impactPerPoint·typical spend per point) are reported.
 */
export function detectSpendAnomalies(
  y: ArrayLike<number>,
  granularity: AnomalyGranularity,
  sensitivity: AnomalySensitivity = 'normal',
): AnomalyDetection {
  const shape = GRANULARITY_SHAPES[granularity];
  const thresholds = SENSITIVITY_THRESHOLDS[sensitivity];
  const n = y.length;
  const m = shape.seasonLength;
  const { expected } = seasonalMedianBaseline(y, m, shape.maxSeasons);
  // What later points are compared with: the series with every anomalous point replaced by its expectation, so a
  // spike never becomes part of what is normal (for the first week of an anomaly only: a change that lasts longer
  // is the new normal and is learnt over the following weeks).
  const history = Float64Array.from(y);
  const cleaned = new Uint8Array(n);
  const scratch = new Float64Array(shape.maxSeasons);
  const firstScored = Math.min(shape.minSeasons * m, n);
  const adjusted = new Float64Array(n).fill(NaN);
  const z = new Float64Array(n).fill(NaN);
  const anomalies: { start: number; end: number; direction: 'up' | 'down'; score: number; floorUsd: number; byLevel: boolean }[] = [];
  let open: OpenAnomaly | null = null;
  let estimates: Estimates | null = null;
  const W = shape.levelWindow;
  const levelOpen = Math.max(Math.log(thresholds.levelRatio), 0);
  const levelContinue = Math.log(1 + (thresholds.levelRatio - 1) / 2);

  const clean = (t: number): void => {
    const current = open as OpenAnomaly | null;
    if (!current || t - current.start >= m) return;
    for (let j = current.start; j <= t; j++) {
      if (cleaned[j]) continue;
      history[j] = adjusted[j] as number;
      cleaned[j] = 1;
    }
  };
  const close = (end: number): void => {
    if (!open) return;
    anomalies.push({ start: open.start, end, direction: open.direction, score: open.score, floorUsd: open.floorUsd, byLevel: open.byLevel });
    open = null;
  };
  const begin = (direction: 'up' | 'down', start: number, score: number, floorUsd: number, byLevel = false): void => {
    const previous = anomalies[anomalies.length - 1];
    if (previous && previous.direction === direction && start - previous.end <= shape.mergeGap) {
      anomalies.pop();
      open = { direction, start: previous.start, score: Math.max(previous.score, score), floorUsd: previous.floorUsd, byLevel: byLevel || previous.byLevel };
    } else {
      open = { direction, start, score, floorUsd, byLevel };
    }
  };

  for (let t = firstScored; t < n; t++) {
    if (!estimates || (t - firstScored) % shape.pointsPerDay === 0) estimates = reestimate(history, cleaned, expected, t, shape, thresholds, granularity);
    const { offset: c, sigma, levelSigma, logBias, floorUsd } = estimates;
    const yt = y[t] as number;
    expected[t] = seasonalMedianAt(history, t, m, scratch);
    const et = Math.max(((expected[t] as number) + c) * Math.exp(logBias) - c, 0);
    adjusted[t] = et;
    const zt = Math.log((yt + c) / (et + c)) / sigma;
    z[t] = zt;
    // The level of the last W points twice: as spent (whether an open level anomaly goes on), and with the points of
    // earlier anomalies at their expectation (whether a new one opens): a spike that just ended is not slow growth.
    let levelScore = NaN;
    let levelLog = NaN;
    let freshLevelScore = NaN;
    let freshLevelLog = NaN;
    if (t - W + 1 >= firstScored) {
      let sumY = 0;
      let sumH = 0;
      let sumE = 0;
      for (let j = t - W + 1; j <= t; j++) {
        sumY += y[j] as number;
        sumH += history[j] as number;
        sumE += adjusted[j] as number;
      }
      levelLog = Math.log((sumY + W * c) / (sumE + W * c));
      levelScore = levelLog / levelSigma;
      freshLevelLog = Math.log((sumH + W * c) / (sumE + W * c));
      freshLevelScore = freshLevelLog / levelSigma;
    }

    const current = open as OpenAnomaly | null;
    if (current) {
      const levelHolds = current.byLevel && levelLog >= levelContinue && levelScore >= thresholds.levelZ / 2;
      const continues = current.direction === 'up' ? zt >= thresholds.continueZ || levelHolds : yt <= DROP_CONTINUE_RATIO * et;
      if (continues) {
        current.score = Math.max(current.score, current.direction === 'up' ? Math.max(zt, levelHolds ? levelScore : 0) : -zt);
        clean(t);
        continue;
      }
      close(t);
    }

    const earliest = Math.max(firstScored, anomalies.length ? (anomalies[anomalies.length - 1] as { end: number }).end : 0);
    const previousZ = t - 1 >= earliest ? (z[t - 1] as number) : NaN;
    const before = anomalies[anomalies.length - 1];
    // Hysteresis across a short dip: within mergeGap of an upward anomaly, what would have continued it resumes it.
    const nearUp = before !== undefined && before.direction === 'up' && t - before.end <= shape.mergeGap;
    const resumesByLevel = nearUp && before.byLevel && levelLog >= levelContinue && levelScore >= thresholds.levelZ / 2;
    if (zt >= thresholds.openZ || (nearUp && zt >= thresholds.continueZ)) {
      begin('up', t, zt, floorUsd);
    } else if (resumesByLevel) {
      begin('up', t, levelScore, floorUsd, true);
    } else if (zt >= thresholds.continueZ && previousZ >= thresholds.continueZ && (zt + previousZ) / Math.SQRT2 >= thresholds.openZ) {
      begin('up', t - 1, (zt + previousZ) / Math.SQRT2, floorUsd);
    } else if (freshLevelLog >= levelOpen && freshLevelScore >= thresholds.levelZ) {
      begin('up', Math.max(t - W + 1, earliest), freshLevelScore, floorUsd, true);
    } else {
      const dropStart = findDrop(y, adjusted, t, earliest, shape.dropMaxWindow, floorUsd, thresholds.dropRatio);
      if (dropStart >= 0) begin('down', dropStart, Math.max(-zt, 0), floorUsd);
    }
    clean(t);
  }
  close(n);

  const reported: DetectedAnomaly[] = [];
  for (const anomaly of anomalies) {
    let actualUsd = 0;
    let expectedUsd = 0;
    for (let t = anomaly.start; t < anomaly.end; t++) {
      actualUsd += y[t] as number;
      expectedUsd += adjusted[t] as number;
    }
    const impactUsd = actualUsd - expectedUsd;
    const signed = anomaly.direction === 'up' ? impactUsd : -impactUsd;
    if (signed < anomaly.floorUsd) continue;
    reported.push({ startIndex: anomaly.start, endIndex: anomaly.end, expectedUsd, actualUsd, impactUsd, score: anomaly.score, direction: anomaly.direction });
  }
  const last = estimates as Estimates | null;
  return {
    anomalies: reported,
    model: {
      method: 'seasonal-median',
      seasonLength: m,
      maxSeasons: shape.maxSeasons,
      firstScoredIndex: firstScored,
      noiseSigma: last ? last.sigma : NaN,
      typicalUsd: last ? last.typical : NaN,
      minImpactUsd: last ? last.floorUsd : thresholds.minImpactUsd,
    },
  };
}

/**
 * Start of the shortest stretch ending at t whose expected spend reaches floorUsd and that spent ≤ ratio of it, or −1.
 * The drop is reported from the first of the points just before that stretch that each spent ≤ ratio of their
 * expectation too: a first hour expected to cost less than the floor is part of the drop once the drop is certain.
 */
function findDrop(
  y: ArrayLike<number>,
  adjusted: Float64Array,
  t: number,
  earliest: number,
  maxWindow: number,
  floorUsd: number,
  ratio: number,
): number {
  let sumY = 0;
  let sumE = 0;
  for (let j = t; j >= earliest && j > t - maxWindow; j--) {
    sumY += y[j] as number;
    sumE += adjusted[j] as number;
    if (sumE < floorUsd) continue;
    if (sumY > ratio * sumE) return -1;
    let start = j;
    while (start - 1 >= earliest && (adjusted[start - 1] as number) > 0 && (y[start - 1] as number) <= ratio * (adjusted[start - 1] as number)) start--;
    return start;
  }
  return -1;
}

/**
 * Daily re-estimation from points before t only: typical spend per point (mean expectation over the last week),
 * the log offset c, the level correction b and the scales σ (points) and σ_L (level windows).
 */
function reestimate(
  y: ArrayLike<number>,
  cleaned: Uint8Array,
  expected: Float64Array,
  t: number,
  shape: GranularityShape,
  thresholds: SensitivityThresholds,
  granularity: AnomalyGranularity,
): Estimates {
  const m = shape.seasonLength;
  let total = 0;
  for (let j = t - m; j < t; j++) total += expected[j] as number;
  const typical = Math.max(total / m, 0);
  const offset = Math.max(OFFSET_FRACTION * typical, 1e-9);
  // Residuals need two earlier weeks at least, else one week's noise is counted twice.
  const from = Math.max(2 * m, t - shape.noiseWindow - m);
  // Anomalous points (already replaced by their expectation) would shrink the scale; they are left out.
  const residuals = new Float64Array(t - from);
  let count = 0;
  let biasCount = 0;
  for (let j = from; j < t; j++) {
    if (cleaned[j]) continue;
    residuals[count++] = Math.log(((y[j] as number) + offset) / ((expected[j] as number) + offset));
    // The level correction looks a week further back than the scale, so growth of the last days (a slow doubling)
    // is judged against the level before it rather than absorbed into it.
    if (j < t - m) biasCount = count;
  }
  const bias = biasCount > 0 ? medianInPlace(residuals.slice(0, biasCount), biasCount) : 0;
  const logBias = Math.min(Math.max(bias, -MAX_LOG_BIAS), MAX_LOG_BIAS);
  const sigma = Math.max(madSigmaInPlace(residuals, count), MIN_NOISE_SIGMA);
  const W = shape.levelWindow;
  const windows = new Float64Array(Math.max(t - from - W + 1, 0));
  let windowCount = 0;
  let sumY = 0;
  let sumE = 0;
  let anomalous = 0;
  for (let j = from; j < t; j++) {
    sumY += y[j] as number;
    sumE += expected[j] as number;
    anomalous += cleaned[j] as number;
    if (j - from >= W) {
      sumY -= y[j - W] as number;
      sumE -= expected[j - W] as number;
      anomalous -= cleaned[j - W] as number;
    }
    if (j - from >= W - 1 && anomalous === 0) windows[windowCount++] = Math.log((sumY + W * offset) / (sumE + W * offset));
  }
  const levelSigma = Math.max(madSigmaInPlace(windows, windowCount) || 0, MIN_LEVEL_SIGMA);
  const floorUsd = Math.max(thresholds.minImpactUsd, thresholds.impactPerPoint[granularity] * typical);
  return { typical, offset, sigma, levelSigma, logBias, floorUsd };
}
