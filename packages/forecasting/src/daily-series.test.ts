import { formatIsoDay, monthStartOf, parseIsoDay } from './calendar';
import { toDenseSeries } from './daily-series';

describe('calendar days', () => {
  it('when parsing valid and invalid dates, then only real calendar days parse', () => {
    expect(formatIsoDay(parseIsoDay('2024-02-29')!)).toBe('2024-02-29');
    expect(parseIsoDay('2025-02-29')).toBeUndefined();
    expect(parseIsoDay('2025-13-01')).toBeUndefined();
    expect(parseIsoDay('2025-1-01')).toBeUndefined();
    expect(parseIsoDay('not a date')).toBeUndefined();
  });

  it('when asking for the month start, then it is the first of that month', () => {
    expect(formatIsoDay(monthStartOf(parseIsoDay('2025-03-31')!))).toBe('2025-03-01');
    expect(formatIsoDay(monthStartOf(parseIsoDay('2024-12-01')!))).toBe('2024-12-01');
  });
});

describe('toDenseSeries', () => {
  it('when days are missing or out of order, then the series is laid on every day with zeros in the gaps', () => {
    const dense = toDenseSeries([
      { date: '2025-03-04', costUsd: 4 },
      { date: '2025-03-01', costUsd: 1 },
      { date: '2025-03-02', costUsd: 2 },
    ]);
    expect(formatIsoDay(dense.firstDay)).toBe('2025-03-01');
    expect([...dense.values]).toEqual([1, 2, 0, 4]);
  });

  it('when a date is given twice, then its amounts are summed; when empty, then empty', () => {
    expect([...toDenseSeries([{ date: '2025-03-01', costUsd: 1 }, { date: '2025-03-01', costUsd: 2 }]).values]).toEqual([3]);
    expect(toDenseSeries([]).values).toHaveLength(0);
  });

  it('when a date cannot be parsed, then it throws a RangeError', () => {
    expect(() => toDenseSeries([{ date: '2025-02-30', costUsd: 1 }])).toThrow(RangeError);
  });
});
