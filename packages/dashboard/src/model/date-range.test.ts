import { reportLimits } from '@finops/contracts';
import { MAX_RANGE_DAYS, dayCount, daysOf, presetRange, rangeProblem, utcToday } from './date-range';

describe('date ranges', () => {
  test('when a preset is picked, then it ends today and has the documented length', () => {
    expect(presetRange('this-month', '2026-11-29')).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    expect(presetRange('last-30', '2026-11-29')).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(dayCount(presetRange('last-90', '2026-03-01'))).toBe(90);
  });

  test('when the days of a range are listed, then both ends are included and month ends are crossed', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  test('when a range is checked, then every mistake the report API would refuse is named', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-29' })).toBeNull();
    expect(rangeProblem({ from: '', to: '2026-11-29' })).toMatch(/start date/);
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-02' })).toMatch(/start date/);
    expect(rangeProblem({ from: '2026-11-29', to: '2026-11-01' })).toMatch(/before the start/);
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toMatch(/at most 366 days/);
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
  });

  test('when compared with the API contract, then the longest range is the same', () => {
    expect(MAX_RANGE_DAYS).toBe(reportLimits.maxRangeDays);
  });

  test('when today is asked for near midnight, then it is the UTC day', () => {
    expect(utcToday(new Date('2026-11-29T23:59:59-05:00'))).toBe('2026-11-30');
  });
});
