import { periodOf, periodsOf, periodStart, rangeInstants, resolveRange } from './report-period';

describe('report periods', () => {
  test('when a range is turned into instants, then to includes its whole day', () => {
    expect(rangeInstants({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });

  test.each([
    ['2026-11-30', 'day', '2026-11-30'],
    ['2026-11-30', 'week', '2026-11-30'], // a Monday
    ['2026-11-29', 'week', '2026-11-23'], // a Sunday belongs to the week that began on the Monday before
    ['2026-01-01', 'week', '2025-12-29'], // weeks cross years
    ['2026-11-30', 'month', '2026-11-01'],
  ] as const)('when %s is bucketed by %s, then its period starts on %s', (date, granularity, start) => {
    expect(periodStart(date, granularity)).toBe(start);
  });

  test('when periods are listed, then they cover the range in order, the first and last cut to it', () => {
    expect(periodsOf({ from: '2026-11-05', to: '2026-11-20' }, 'week')).toEqual([
      { from: '2026-11-05', to: '2026-11-08' },
      { from: '2026-11-09', to: '2026-11-15' },
      { from: '2026-11-16', to: '2026-11-20' },
    ]);
    expect(periodsOf({ from: '2024-01-31', to: '2024-03-01' }, 'month')).toEqual([
      { from: '2024-01-31', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-01' },
    ]);
    expect(periodsOf({ from: '2026-12-31', to: '2027-01-02' }, 'day')).toHaveLength(3);
  });

  test('when a date’s period reaches past the range, then it is cut to the range', () => {
    expect(periodOf('2026-11-30', 'month', { from: '2026-11-10', to: '2026-12-31' })).toEqual({ from: '2026-11-10', to: '2026-11-30' });
  });

  describe('defaults', () => {
    const now = new Date('2026-11-29T15:04:05Z');

    test('when from and to are omitted, then the report runs from the first of this month to today', () => {
      expect(resolveRange({}, now)).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    });

    test('when only to is given, then from is the first of its month', () => {
      expect(resolveRange({ to: '2026-02-14' }, now)).toEqual({ from: '2026-02-01', to: '2026-02-14' });
    });

    test('when only from is given, then to is today', () => {
      expect(resolveRange({ from: '2026-06-01' }, now)).toEqual({ from: '2026-06-01', to: '2026-11-29' });
    });

    test('when only from is given and it is after today, then from is refused', () => {
      expect(() => resolveRange({ from: '2026-12-01' }, now)).toThrow(expect.objectContaining({ invalidParams: [expect.objectContaining({ name: 'from', in: 'query' })] }));
    });

    test('when only from is given and today is more than 366 days later, then from is refused', () => {
      expect(() => resolveRange({ from: '2025-11-28' }, now)).toThrow(
        expect.objectContaining({ invalidParams: [expect.objectContaining({ name: 'from', reason: expect.stringMatching(/longer than 366 days/) })] }),
      );
      expect(resolveRange({ from: '2025-11-29' }, now)).toEqual({ from: '2025-11-29', to: '2026-11-29' });
    });
  });
});
