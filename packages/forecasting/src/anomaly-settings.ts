/** Granularity of a spend series: one point per hour or per day (UTC). */
export type AnomalyGranularity = 'hour' | 'day';
export type AnomalySensitivity = 'low' | 'normal' | 'high';

/** The shape of the data: how its rhythm repeats and how much history the expectation uses. */
export interface GranularityShape {
  /** Points per week: hour-of-week (168) or day-of-week (7) slots. */
  seasonLength: number;
  /** Most earlier weeks whose same-slot values form the expectation. */
  maxSeasons: number;
  /** Fewest earlier weeks before a point is judged (a median of three ignores one past spike). */
  minSeasons: number;
  /** Points per day: how often the noise scale and the typical spend are re-estimated. */
  pointsPerDay: number;
  /** Residuals behind the noise scale (the most recent ones before the point). */
  noiseWindow: number;
  /** Points summed by the level test that catches slow growth (one day of hours, three days). */
  levelWindow: number;
  /** Longest run of points a drop test sums while waiting for enough expected spend to go missing. */
  dropMaxWindow: number;
  /** Gap (points) across which two anomalies in the same direction are reported as one. */
  mergeGap: number;
}

export const GRANULARITY_SHAPES: Record<AnomalyGranularity, GranularityShape> = {
  hour: { seasonLength: 168, maxSeasons: 4, minSeasons: 3, pointsPerDay: 24, noiseWindow: 336, levelWindow: 24, dropMaxWindow: 24, mergeGap: 2 },
  day: { seasonLength: 7, maxSeasons: 8, minSeasons: 3, pointsPerDay: 1, noiseWindow: 56, levelWindow: 3, dropMaxWindow: 3, mergeGap: 1 },
};

/** How eager the detector is. Thresholds are in robust standard deviations (1.4826·MAD) of log residuals. */
export interface SensitivityThresholds {
  /** A point opens an upward anomaly at this z (two consecutive points at this z·√2 jointly). */
  openZ: number;
  /** An open anomaly continues while points stay at this z or above. */
  continueZ: number;
  /** A level window opens an upward anomaly when its ratio actual/expected exceeds both this and `levelZ`·σ. */
  levelRatio: number;
  levelZ: number;
  /** A drop: the spend of a stretch is at most this fraction of what was expected there. */
  dropRatio: number;
  /** Smallest |impact| reported, USD, whatever the series' size: cent-sized blips never alert. */
  minImpactUsd: number;
  /** Smallest |impact| reported, as a multiple of the typical spend per point (hour or day). */
  impactPerPoint: Record<AnomalyGranularity, number>;
}

export const SENSITIVITY_THRESHOLDS: Record<AnomalySensitivity, SensitivityThresholds> = {
  low: { openZ: 6, continueZ: 2.5, levelRatio: 1.8, levelZ: 5, dropRatio: 0.05, minImpactUsd: 10, impactPerPoint: { hour: 3, day: 0.5 } },
  normal: { openZ: 4.5, continueZ: 2, levelRatio: 1.4, levelZ: 3.5, dropRatio: 0.1, minImpactUsd: 2, impactPerPoint: { hour: 1.5, day: 0.25 } },
  high: { openZ: 3.5, continueZ: 1.5, levelRatio: 1.3, levelZ: 3, dropRatio: 0.2, minImpactUsd: 1, impactPerPoint: { hour: 1, day: 0.15 } },
};
