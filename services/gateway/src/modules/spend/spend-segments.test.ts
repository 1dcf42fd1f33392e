import { planSpendSegments, type SpendSource } from './spend-segments';

const at = (iso: string) => new Date(iso);
const plan = (from: string, to: string, sources: SpendSource[] = ['daily', 'hourly', 'traces']) =>
  planSpendSegments(at(from), at(to), sources).map(({ source, from: start, to: end }) => [source, start.toISOString(), end.toISOString()]);

describe('planSpendSegments', () => {
  test('when the range is whole UTC days, then the daily rollup answers all of it', () => {
    expect(plan('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).toEqual([['daily', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']]);
  });

  test('when both bounds fall inside hours, then days, hours and traces each answer the stretch they can', () => {
    expect(plan('2026-11-01T05:30:00Z', '2026-11-04T02:15:00Z')).toEqual([
      ['traces', '2026-11-01T05:30:00.000Z', '2026-11-01T06:00:00.000Z'],
      ['hourly', '2026-11-01T06:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      ['daily', '2026-11-02T00:00:00.000Z', '2026-11-04T00:00:00.000Z'],
      ['hourly', '2026-11-04T00:00:00.000Z', '2026-11-04T02:00:00.000Z'],
      ['traces', '2026-11-04T02:00:00.000Z', '2026-11-04T02:15:00.000Z'],
    ]);
  });

  test('when the range is shorter than a day, then no daily rows are read', () => {
    expect(plan('2026-11-01T05:00:00Z', '2026-11-01T09:00:00Z')).toEqual([['hourly', '2026-11-01T05:00:00.000Z', '2026-11-01T09:00:00.000Z']]);
    expect(plan('2026-11-01T05:10:00Z', '2026-11-01T05:20:00Z')).toEqual([['traces', '2026-11-01T05:10:00.000Z', '2026-11-01T05:20:00.000Z']]);
  });

  test('when the hourly rollup cannot be used (pricing source), then the traces cover what days do not', () => {
    expect(plan('2026-11-01T05:00:00Z', '2026-11-03T00:00:00Z', ['daily', 'traces'])).toEqual([
      ['traces', '2026-11-01T05:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      ['daily', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'],
    ]);
  });

  test('when the range is empty or reversed, then nothing is read', () => {
    expect(plan('2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')).toEqual([]);
    expect(plan('2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z')).toEqual([]);
  });

  test('when segments are planned for any range, then they tile it exactly, in order, without gaps or overlaps', () => {
    const start = Date.parse('2026-10-30T00:00:00Z');
    for (let i = 0; i < 500; i += 1) {
      const from = start + ((i * 7919) % (5 * 86_400)) * 1000;
      const to = from + ((i * 104_729) % (4 * 86_400)) * 1000 + 1;
      const segments = planSpendSegments(new Date(from), new Date(to), ['daily', 'hourly', 'traces']);
      expect(segments[0]!.from.getTime()).toBe(from);
      expect(segments.at(-1)!.to.getTime()).toBe(to);
      segments.slice(1).forEach((segment, index) => expect(segment.from.getTime()).toBe(segments[index]!.to.getTime()));
    }
  });
});
