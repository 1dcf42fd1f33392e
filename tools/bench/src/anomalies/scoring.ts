import type { DetectedAnomaly } from '@finops/forecasting';
import type { InjectedAnomaly, InjectedKind, LabelledSeries } from './evaluation-set';

export type Detector = (values: ArrayLike<number>, series: LabelledSeries) => DetectedAnomaly[];

const overlaps = (a: { startIndex: number; endIndex: number }, b: InjectedAnomaly): boolean =>
  a.startIndex < b.end && b.start < a.endIndex;

/** Large enough that missing it counts (issue 16): impact ≥ 3 × the typical hourly spend and ≥ $5. */
export function isEligible(label: InjectedAnomaly, series: LabelledSeries): boolean {
  const size = Math.abs(label.impactUsd);
  return size >= 3 * series.typicalHourlyUsd && size >= 5;
}

export interface SeriesScore {
  reports: number;
  /** Reports that are the first to overlap some injected anomaly. Later reports overlapping it are fragments. */
  truePositives: number;
  falseOnHolidays: number;
  eligible: number;
  eligibleFound: number;
  /** Per eligible label: points of the anomaly seen when first flagged on a prefix (Infinity when never). */
  delays: { kind: InjectedKind; pointsSeen: number; found: boolean }[];
  scoredDays: number;
}

/**
 * Scores one detector on one series. Delay is measured as the hourly job would see it: for an anomaly starting at
 * s, the detector runs on the prefixes ending at s, s + 1, … and the delay is the number of anomalous points in the
 * first prefix on which a reported anomaly overlaps it (1 = flagged as soon as its first hour or day is complete).
 */
export function scoreSeries(series: LabelledSeries, detect: Detector, maxDelayPoints: number, firstScored: number): SeriesScore {
  const reports = detect(series.values, series);
  const claimed = new Set<number>();
  let truePositives = 0;
  let falseOnHolidays = 0;
  for (const report of reports) {
    const label = series.labels.findIndex((l, i) => !claimed.has(i) && overlaps(report, l));
    if (label >= 0) {
      claimed.add(label);
      truePositives++;
    } else if (series.labels.every((l) => !overlaps(report, l))) {
      for (let t = report.startIndex; t < report.endIndex; t++) {
        if (series.holidayPoints.has(t)) {
          falseOnHolidays++;
          break;
        }
      }
    }
  }
  const delays: SeriesScore['delays'] = [];
  let eligible = 0;
  let eligibleFound = 0;
  for (const label of series.labels) {
    if (!isEligible(label, series)) continue;
    eligible++;
    const found = reports.some((r) => overlaps(r, label));
    if (found) eligibleFound++;
    let pointsSeen = Infinity;
    for (let k = 1; found && k <= maxDelayPoints && label.start + k <= series.values.length; k++) {
      const prefix = series.values.subarray(0, label.start + k);
      if (detect(prefix, series).some((r) => overlaps(r, label))) {
        pointsSeen = k;
        break;
      }
    }
    delays.push({ kind: label.kind, pointsSeen, found });
  }
  const perDay = series.granularity === 'hour' ? 24 : 1;
  return {
    reports: reports.length,
    truePositives,
    falseOnHolidays,
    eligible,
    eligibleFound,
    delays,
    scoredDays: (series.values.length - firstScored) / perDay,
  };
}
