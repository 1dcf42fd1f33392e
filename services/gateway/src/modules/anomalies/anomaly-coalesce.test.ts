import type { ReportedAnomaly } from '@finops/contracts';
import type { StoredAnomaly } from './anomaly';
import { coalesceAnomalies, type CoalesceInput } from './anomaly-coalesce';

const hour = (h: number) => new Date(Date.UTC(2026, 10, 2, h));
const reported = (start: number, end: number, direction: 'up' | 'down' = 'up'): ReportedAnomaly => ({
  start: hour(start).toISOString(),
  end: hour(end).toISOString(),
  expectedUsd: '10',
  actualUsd: direction === 'up' ? '40' : '2',
  impactUsd: direction === 'up' ? '30' : '-8',
  score: 9,
  direction,
});
const stored = (start: number, end: number, more: Partial<StoredAnomaly> = {}): StoredAnomaly => ({
  orgId: 'org',
  id: 'kept',
  scope: { dimension: 'org', value: null },
  start: hour(start),
  end: hour(end),
  expectedUsd: '10',
  actualUsd: '30',
  impactUsd: '20',
  score: 8,
  direction: 'up',
  status: 'open',
  feedback: null,
  drivers: [],
  detectedAt: hour(start),
  resolvedAt: null,
  updatedAt: hour(start),
  ...more,
});
const input = (existing: StoredAnomaly[], detected: ReportedAnomaly[], seriesEnd = 12): CoalesceInput => ({
  orgId: 'org',
  scope: { dimension: 'org', value: null },
  existing,
  detected,
  seriesEnd: hour(seriesEnd),
  now: hour(seriesEnd),
  newId: () => 'new',
});

describe('coalesceAnomalies', () => {
  test('when nothing is stored, then a detection reaching the series end is a new open anomaly that alerts', () => {
    expect(coalesceAnomalies(input([], [reported(9, 12)]))).toEqual([
      expect.objectContaining({ kind: 'created', event: 'anomaly.detected', anomaly: expect.objectContaining({ id: 'new', status: 'open' }) }),
    ]);
  });

  test('when a detection is adjacent to an open anomaly, then that anomaly grows and says nothing', () => {
    const [change] = coalesceAnomalies(input([stored(8, 10)], [reported(10, 12)]));

    expect(change).toMatchObject({ kind: 'updated', event: null, extentChanged: true, anomaly: { id: 'kept', start: hour(8), end: hour(12), status: 'open', actualUsd: '40' } });
  });

  test('when a detection touches an anomaly going the other way, then it is a separate one', () => {
    expect(coalesceAnomalies(input([stored(8, 10)], [reported(10, 12, 'down')])).map((change) => change.kind)).toEqual(['updated', 'created']);
  });

  test('when an open anomaly ends before the series does, then it is resolved with an event, unless it was marked planned', () => {
    expect(coalesceAnomalies(input([stored(8, 10)], [reported(8, 10)]))).toEqual([
      expect.objectContaining({ event: 'anomaly.resolved', anomaly: expect.objectContaining({ status: 'resolved', resolvedAt: hour(12) }) }),
    ]);
    expect(coalesceAnomalies(input([stored(8, 10, { feedback: 'planned' })], [])).map((change) => change.event)).toEqual([null]);
  });

  test('when a resolved anomaly comes back, then it alerts again unless marked expected', () => {
    const resolved = { status: 'resolved' as const, resolvedAt: hour(11) };

    expect(coalesceAnomalies(input([stored(8, 10, resolved)], [reported(8, 12)])).map((change) => change.event)).toEqual(['anomaly.detected']);
    expect(coalesceAnomalies(input([stored(8, 10, { ...resolved, feedback: 'expected' })], [reported(8, 12)])).map((change) => change.event)).toEqual([null]);
    expect(coalesceAnomalies(input([stored(8, 10, { ...resolved, feedback: 'unexpected' })], [reported(8, 12)])).map((change) => change.event)).toEqual(['anomaly.detected']);
  });

  test('when a resolved anomaly is seen again unchanged, then nothing is written', () => {
    expect(coalesceAnomalies(input([stored(8, 10, { status: 'resolved', resolvedAt: hour(11), actualUsd: '40', score: 9 })], [reported(8, 10)]))).toEqual([]);
  });
});
