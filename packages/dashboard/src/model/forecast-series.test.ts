import type { CostForecast } from '../api/api-types';
import { periodDays, toForecastCumulative, toForecastDaily } from './forecast-series';

const base: CostForecast = {
  asOf: '2026-11-28T12:00:00.000Z',
  scope: { dimension: 'org', value: null, budgetId: null },
  period: { start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
  currency: 'USD',
  spentToDateUsd: '270',
  projectedUsd: '300.00',
  interval: { p10: '290.00', p50: '300.00', p90: '320.00' },
  caps: [{ id: 'cap-1', name: 'Whole org', limitUsd: '310', breachProbability: 0.3 }],
  daily: ['2026-11-28', '2026-11-29', '2026-11-30'].map((date) => ({ date, meanUsd: '10.00', lower80: '8.00', upper80: '12.00', lower95: '6.00', upper95: '14.00' })),
  model: { name: 'ETS(A,N,A)' },
  degraded: false,
  degradedReason: null,
  lookbackDays: 90,
};
const actuals = Array.from({ length: 27 }, (_, index) => ({ date: `2026-11-${String(index + 1).padStart(2, '0')}`, costUsd: '10' }));

describe('forecast series', () => {
  test('when a monthly forecast is drawn, then the period has every day of the month', () => {
    expect(periodDays(base)).toHaveLength(30);
  });

  test('when shaped day by day, then actual days come before the forecast and the bands only after it starts', () => {
    const daily = toForecastDaily(base, [...actuals, { date: '2026-10-31', costUsd: '99' }]);
    expect(daily.actual.slice(0, 27)).toEqual(Array(27).fill(10));
    expect(daily.actual.slice(27)).toEqual([null, null, null]);
    expect(daily.mean.slice(26)).toEqual([null, 10, 10, 10]);
    expect(daily.lower95[27]).toBe(6);
    expect(daily.upper80[29]).toBe(12);
  });

  test('when shaped as running totals, then spent runs through today and the projected path goes from there exactly to the projection, inside its interval', () => {
    const cumulative = toForecastCumulative(base, toForecastDaily(base, actuals));
    expect(cumulative.actual[26]).toBe(270);
    // Today (28 Nov): nothing spent yet today, so the running total stays at 270.
    expect(cumulative.actual[27]).toBe(270);
    expect(cumulative.actual[28]).toBeNull();
    expect(cumulative.spentThrough).toBe('2026-11-28');
    expect(cumulative.projected[26]).toBeNull();
    expect(cumulative.projected[27]).toBe(270);
    // The 30 left to spend spread over 29 and 30 Nov by their equal means: 285, then 300.
    expect(cumulative.projected[28]).toBeCloseTo(285, 10);
    expect(cumulative.projected[29]).toBeCloseTo(300, 10);
    expect(cumulative.low![29]).toBeCloseTo(290, 10);
    expect(cumulative.high![29]).toBeCloseTo(320, 10);
    expect(cumulative.caps).toEqual([{ label: 'Whole org', limit: 310 }]);
  });

  test('when everything was spent today, then spent jumps to it on today and the projection starts there, not at $0', () => {
    const spentToday: CostForecast = { ...base, spentToDateUsd: '50.25', projectedUsd: '70.25', interval: null };
    const noHistory = actuals.map((point) => ({ ...point, costUsd: '0' }));
    const cumulative = toForecastCumulative(spentToday, toForecastDaily(spentToday, noHistory));
    expect(cumulative.actual[26]).toBe(0);
    expect(cumulative.actual[27]).toBe(50.25);
    expect(cumulative.projected[27]).toBe(50.25);
    expect(cumulative.projected[28]).toBeCloseTo(60.25, 10);
    expect(cumulative.projected[29]).toBeCloseTo(70.25, 10);
  });

  test('when the forecast is degraded, then there are no bands and the path is a straight run rate to the projection', () => {
    const degraded: CostForecast = { ...base, interval: null, daily: [], model: null, degraded: true, degradedReason: 'timeout: no answer in 2000 ms', caps: [{ ...base.caps[0]!, breachProbability: null }] };
    const daily = toForecastDaily(degraded, actuals);
    expect(daily.mean.every((value) => value === null)).toBe(true);
    const cumulative = toForecastCumulative(degraded, daily);
    expect(cumulative.low).toBeNull();
    expect(cumulative.projected[27]).toBe(270);
    expect(cumulative.projected[29]! - cumulative.projected[28]!).toBeCloseTo(15, 10);
    expect(cumulative.projected[28]! - cumulative.projected[27]!).toBeCloseTo(cumulative.projected[29]! - cumulative.projected[28]!, 10);
    expect(cumulative.projected[29]).toBeCloseTo(300, 10);
  });
});
