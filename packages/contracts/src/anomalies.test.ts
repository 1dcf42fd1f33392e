import { AnomalyDetectionRequestSchema, ReportedAnomalySchema, SignedMoneySchema } from './anomalies';
import { limits } from './limits';

const HOUR_MS = 3_600_000;
const hours = (count: number, from = Date.parse('2026-11-02T00:00:00Z')) =>
  Array.from({ length: count }, (_, i) => ({ start: new Date(from + i * HOUR_MS).toISOString(), costUsd: 1 }));

const issuePaths = (body: unknown): string[] => {
  const result = AnomalyDetectionRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('AnomalyDetectionRequestSchema', () => {
  it('when sensitivity is left out, then it is normal', () => {
    expect(AnomalyDetectionRequestSchema.parse({ granularity: 'hour', series: hours(3) }).sensitivity).toBe('normal');
  });

  it('when starts carry a UTC offset, then they are read as the instants they name', () => {
    const series = [
      { start: '2026-11-02T01:00:00+01:00', costUsd: 1 },
      { start: '2026-11-02T01:00:00Z', costUsd: 2 },
      { start: '2026-11-02T02:00:00.000Z', costUsd: 0 },
    ];
    expect(issuePaths({ granularity: 'hour', series })).toEqual([]);
  });

  it('when the longest series of each granularity is sent, then it is accepted, and one point more is refused', () => {
    expect(issuePaths({ granularity: 'hour', series: hours(limits.anomalyMaxHourlyPoints) })).toEqual([]);
    expect(issuePaths({ granularity: 'hour', series: hours(limits.anomalyMaxHourlyPoints + 1) })).toEqual(['series']);
    const days = (count: number) => hours(count * 24).filter((_, i) => i % 24 === 0);
    expect(issuePaths({ granularity: 'day', series: days(limits.anomalyMaxDailyPoints) })).toEqual([]);
    expect(issuePaths({ granularity: 'day', series: days(limits.anomalyMaxDailyPoints + 1) })).toEqual(['series']);
  });

  it('when points repeat, go back, skip or sit off the boundary, then each offending start is named', () => {
    const series = hours(8);
    series[2] = { ...series[1]! }; // repeats 1
    series[4] = { start: '2026-11-02T02:00:00Z', costUsd: 1 }; // goes back
    series[6] = { start: '2026-11-02T06:30:00Z', costUsd: 1 }; // off the hour
    series[7] = { start: '2026-11-02T09:00:00Z', costUsd: 1 }; // after an unaligned point: judged alone
    expect(issuePaths({ granularity: 'hour', series })).toEqual(['series.2.start', 'series.3.start', 'series.4.start', 'series.5.start', 'series.6.start']);
  });

  it('when daily points are hour starts but not midnight, then they are refused', () => {
    expect(issuePaths({ granularity: 'day', series: [{ start: '2026-11-02T01:00:00Z', costUsd: 1 }] })).toEqual(['series.0.start']);
  });
});

describe('SignedMoneySchema and ReportedAnomalySchema', () => {
  it.each(['0', '12.5', '-12.5', '-0.01', '1000000'])('when %s is sent, then it is an amount', (amount) => {
    expect(SignedMoneySchema.safeParse(amount).success).toBe(true);
  });

  it.each(['-0', '-0.00', '+1', '1e3', '01', '1.', ''])('when %p is sent, then it is refused', (amount) => {
    expect(SignedMoneySchema.safeParse(amount).success).toBe(false);
  });

  it('when an impact has the wrong sign for its direction, or the end is not after the start, then the anomaly is refused', () => {
    const up = { start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T14:00:00.000Z', expectedUsd: '10', actualUsd: '100', impactUsd: '90', score: 20, direction: 'up' };
    expect(ReportedAnomalySchema.safeParse(up).success).toBe(true);
    expect(ReportedAnomalySchema.safeParse({ ...up, direction: 'down' }).success).toBe(false);
    expect(ReportedAnomalySchema.safeParse({ ...up, impactUsd: '-90' }).success).toBe(false);
    expect(ReportedAnomalySchema.safeParse({ ...up, end: up.start }).success).toBe(false);
  });
});
