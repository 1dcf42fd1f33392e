import type { ReportedAnomaly } from '@finops/contracts';
import { isSilenced, type AnomalyScope, type StoredAnomaly } from './anomaly';

export type AnomalyEventType = 'anomaly.detected' | 'anomaly.resolved';

export interface AnomalyChange {
  kind: 'created' | 'updated';
  anomaly: StoredAnomaly;
  /** The hours changed (or are new): the drivers must be worked out again. */
  extentChanged: boolean;
  event: AnomalyEventType | null;
}

export interface CoalesceInput {
  orgId: string;
  scope: AnomalyScope;
  /** The scope's stored anomalies that end inside the window, open or resolved. */
  existing: StoredAnomaly[];
  /** What the detector reported for the scope's series, in order of start. */
  detected: ReportedAnomaly[];
  /** End of the series: an anomaly reaching it is still going on. */
  seriesEnd: Date;
  now: Date;
  newId: () => string;
}

const touches = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => a.start <= b.end && b.start <= a.end;
const minDate = (a: Date, b: Date) => (a < b ? a : b);
const maxDate = (a: Date, b: Date) => (a > b ? a : b);

/**
 * Folds one run's detections into the stored anomalies of one scope. A detection overlapping or adjacent to a stored
 * anomaly of the same direction grows it, whether open or resolved (every run sees the whole window again, so an
 * anomaly that ended is re-detected on each run until it leaves the window; matching resolved ones too keeps it one
 * anomaly). Amounts and score follow the latest detection, which sees the most data. An anomaly not reaching the end
 * of the series is resolved. Events: `anomaly.detected` for a new anomaly or one that comes back after it was
 * resolved, `anomaly.resolved` when an open one ends; none after `planned` or `expected` feedback.
 */
export function coalesceAnomalies(input: CoalesceInput): AnomalyChange[] {
  const { now, seriesEnd } = input;
  const current = input.existing.map((anomaly) => ({ before: anomaly as StoredAnomaly | null, after: anomaly }));
  const touched = new Set<number>();
  for (const detection of input.detected) {
    const extent = { start: new Date(detection.start), end: new Date(detection.end) };
    const figures = {
      expectedUsd: detection.expectedUsd,
      actualUsd: detection.actualUsd,
      impactUsd: detection.impactUsd,
      score: detection.score,
      direction: detection.direction,
    };
    const index = current.findIndex(({ after }) => after.direction === detection.direction && touches(after, extent));
    if (index === -1) {
      touched.add(current.length);
      current.push({
        before: null,
        after: {
          orgId: input.orgId,
          id: input.newId(),
          scope: input.scope,
          ...extent,
          ...figures,
          status: 'open',
          feedback: null,
          drivers: [],
          detectedAt: now,
          resolvedAt: null,
          updatedAt: now,
        },
      });
    } else {
      touched.add(index);
      const { after } = current[index]!;
      current[index]!.after = { ...after, ...figures, start: minDate(after.start, extent.start), end: maxDate(after.end, extent.end) };
    }
  }
  return current.flatMap(({ before, after }, index): AnomalyChange[] => {
    const wasOpen = before === null || before.status === 'open';
    const status = touched.has(index) || wasOpen ? (after.end >= seriesEnd ? 'open' : 'resolved') : after.status;
    const next: StoredAnomaly = { ...after, status, resolvedAt: status === 'resolved' ? (before?.status === 'resolved' ? before.resolvedAt : now) : null };
    if (before === null) return [{ kind: 'created', anomaly: next, extentChanged: true, event: 'anomaly.detected' }];
    const extentChanged = next.start.getTime() !== before.start.getTime() || next.end.getTime() !== before.end.getTime();
    const changed =
      extentChanged ||
      status !== before.status ||
      next.expectedUsd !== before.expectedUsd ||
      next.actualUsd !== before.actualUsd ||
      next.score !== before.score;
    if (!changed) return [];
    const event = isSilenced(before) || status === before.status ? null : status === 'open' ? 'anomaly.detected' : 'anomaly.resolved';
    return [{ kind: 'updated', anomaly: { ...next, updatedAt: now }, extentChanged, event }];
  });
}
