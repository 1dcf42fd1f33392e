import { periodContaining } from './calendar-period';

const iso = (period: { start: Date; end: Date }) => [period.start.toISOString(), period.end.toISOString()];

describe('budget periods', () => {
  test('when it is the last second of a month, then the monthly period is still that month', () => {
    expect(iso(periodContaining('monthly', 'UTC', new Date('2026-01-31T23:59:59.999Z')))).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    expect(iso(periodContaining('monthly', 'UTC', new Date('2026-02-01T00:00:00.000Z')))).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  test('when it is leap day 2028-02-29, then the day and the month include it', () => {
    expect(iso(periodContaining('daily', 'UTC', new Date('2028-02-29T12:00:00Z')))).toEqual(['2028-02-29T00:00:00.000Z', '2028-03-01T00:00:00.000Z']);
    expect(iso(periodContaining('monthly', 'UTC', new Date('2028-02-29T23:59:59Z')))).toEqual(['2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z']);
  });

  test('when it is any day of a week, then the week starts on Monday at midnight (ISO 8601)', () => {
    // 2026-06-01 is a Monday, 2026-06-07 a Sunday.
    const week = ['2026-06-01T00:00:00.000Z', '2026-06-08T00:00:00.000Z'];
    expect(iso(periodContaining('weekly', 'UTC', new Date('2026-06-01T00:00:00Z')))).toEqual(week);
    expect(iso(periodContaining('weekly', 'UTC', new Date('2026-06-07T23:59:59Z')))).toEqual(week);
    expect(iso(periodContaining('weekly', 'UTC', new Date('2026-05-31T23:59:59Z')))[0]).toBe('2026-05-25T00:00:00.000Z');
  });

  test('when a week spans the turn of the year, then it is one week across both years', () => {
    expect(iso(periodContaining('weekly', 'UTC', new Date('2027-01-01T10:00:00Z')))).toEqual(['2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z']);
  });

  test.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-03-31T23:59:59Z', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-04-01T00:00:00Z', '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
    ['2026-12-31T23:59:59Z', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('when it is %s, then the quarter is [%s, %s)', (at, start, end) => {
    expect(iso(periodContaining('quarterly', 'UTC', new Date(at)))).toEqual([start, end]);
  });

  test('when the cap is in Asia/Kolkata (UTC+05:30), then the month starts at local midnight, 18:30 UTC the day before', () => {
    expect(iso(periodContaining('monthly', 'Asia/Kolkata', new Date('2026-02-28T18:29:59Z')))).toEqual(['2026-01-31T18:30:00.000Z', '2026-02-28T18:30:00.000Z']);
    expect(iso(periodContaining('monthly', 'Asia/Kolkata', new Date('2026-02-28T18:30:00Z')))[0]).toBe('2026-02-28T18:30:00.000Z');
  });

  test('when DST starts in New York, then that day is 23 hours long and the next starts at the new offset', () => {
    expect(iso(periodContaining('daily', 'America/New_York', new Date('2026-03-08T12:00:00Z')))).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  test('when DST ends in Berlin, then that day is 25 hours long', () => {
    expect(iso(periodContaining('daily', 'Europe/Berlin', new Date('2026-10-25T12:00:00Z')))).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });

  test('when DST skips midnight (Santiago), then the day starts at the first instant that exists', () => {
    expect(iso(periodContaining('daily', 'America/Santiago', new Date('2026-09-06T12:00:00Z')))).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
  });

  test('when periods are laid end to end over two years in a DST zone, then each ends where the next starts', () => {
    for (const type of ['daily', 'weekly', 'monthly', 'quarterly'] as const) {
      let period = periodContaining(type, 'Europe/London', new Date('2026-01-01T00:00:00Z'));
      for (let i = 0; i < 30; i += 1) {
        const next = periodContaining(type, 'Europe/London', period.end);
        expect(next.start).toEqual(period.end);
        expect(next.end.getTime()).toBeGreaterThan(next.start.getTime());
        period = next;
      }
    }
  });
});
