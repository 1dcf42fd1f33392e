import fc from 'fast-check';
import { formatIsoDay, parseIsoDay } from './calendar';
import { type MonthEndForecast, type MonthEndRequest, forecastMonthEnd } from './month-end-forecast';

const START = parseIsoDay('2025-03-01')!;

// Each property runs dozens of full forecasts; on a busy two-core machine that can take longer than jest's default.
jest.setTimeout(120_000);
// A failing property reports its first counterexample instead of shrinking for minutes through slow forecasts.
fc.configureGlobal({ endOnFailure: true });

/** A request whose series starts on 2025-03-01; periodEnd defaults to the end of the last date's month. */
function requestFor(values: readonly number[], caps: MonthEndRequest['caps'] = [], periodEnd?: string): MonthEndRequest {
  const series = values.map((costUsd, i) => ({ date: formatIsoDay(START + i), costUsd }));
  const last = START + Math.max(values.length - 1, 0);
  const lastDate = new Date(last * 86_400_000);
  const monthEnd = Date.UTC(lastDate.getUTCFullYear(), lastDate.getUTCMonth() + 1, 0) / 86_400_000;
  return { series, periodEnd: periodEnd ?? formatIsoDay(monthEnd === last ? monthEnd + 30 : monthEnd), caps };
}

function everyNumber(forecast: MonthEndForecast): number[] {
  const numbers: number[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'number') numbers.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(forecast);
  return numbers;
}

function expectWellFormed(forecast: MonthEndForecast): void {
  for (const value of everyNumber(forecast)) expect(Number.isFinite(value)).toBe(true);
  for (const day of forecast.daily) {
    expect(day.lower95).toBeGreaterThanOrEqual(0);
    expect(day.lower95).toBeLessThanOrEqual(day.lower80);
    expect(day.lower80).toBeLessThanOrEqual(day.meanUsd);
    expect(day.meanUsd).toBeLessThanOrEqual(day.upper80);
    expect(day.upper80).toBeLessThanOrEqual(day.upper95);
  }
  expect(forecast.interval.p10).toBeGreaterThanOrEqual(forecast.spentToDateUsd);
  expect(forecast.interval.p10).toBeLessThanOrEqual(forecast.interval.p50);
  expect(forecast.interval.p50).toBeLessThanOrEqual(forecast.interval.p90);
  for (const cap of forecast.caps) {
    expect(cap.breachProbability).toBeGreaterThanOrEqual(0);
    expect(cap.breachProbability).toBeLessThanOrEqual(1);
  }
}

const dailySpend = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5000, noNaN: true })), { minLength: 0, maxLength: 70 });

describe('forecastMonthEnd properties', () => {
  it('when the series is constant, then the forecast is flat at that value with (near) zero-width intervals', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.integer({ min: 3, max: 60 }), (value, days) => {
        const forecast = forecastMonthEnd(requestFor(Array.from({ length: days }, () => value)));
        for (const day of forecast.daily) {
          expect(Math.abs(day.meanUsd - value)).toBeLessThanOrEqual(1e-9 * value);
          expect(day.upper95 - day.lower95).toBeLessThanOrEqual(1e-6 * value);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('when the series repeats a weekly pattern exactly, then the forecast continues the pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 7, maxLength: 7 }), fc.integer({ min: 3, max: 8 }), (week, weeks) => {
        const values = Array.from({ length: 7 * weeks }, (_, t) => week[t % 7]!);
        const forecast = forecastMonthEnd(requestFor(values));
        forecast.daily.forEach((day, h) => {
          const expected = week[(values.length + h) % 7]!;
          expect(Math.abs(day.meanUsd - expected)).toBeLessThanOrEqual(1e-4 * expected);
          expect(day.upper95 - day.lower95).toBeLessThanOrEqual(1e-3 * expected);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('when caps rise, then the breach probability never rises; 95% intervals contain 80% ones; nothing is NaN', () => {
    fc.assert(
      fc.property(dailySpend, fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }), (values, limits) => {
        const sorted = [...limits].sort((a, b) => a - b);
        const forecast = forecastMonthEnd(requestFor(values, sorted.map((limitUsd, i) => ({ id: `c${i}`, limitUsd }))));
        expectWellFormed(forecast);
        forecast.caps.forEach((cap, i) => {
          if (i > 0) expect(cap.breachProbability).toBeLessThanOrEqual(forecast.caps[i - 1]!.breachProbability);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('when more has been spent in the period, then the breach probability of a cap never falls', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 20, maxLength: 40 }), fc.double({ min: 0, max: 500, noNaN: true }), (values, extra) => {
        // Same history; the extra spend lands on the first day of the period (March), which is in the fit too.
        const limitUsd = values.reduce((sum, v) => sum + v, 0) * 1.2;
        const base = forecastMonthEnd(requestFor(values, [{ id: 'cap', limitUsd }]));
        const more = forecastMonthEnd(requestFor([values[0]! + extra, ...values.slice(1)], [{ id: 'cap', limitUsd }]));
        expect(more.spentToDateUsd).toBeGreaterThanOrEqual(base.spentToDateUsd);
        if (extra === 0) expect(more.caps[0]!.breachProbability).toBe(base.caps[0]!.breachProbability);
      }),
      { numRuns: 10 },
    );
  });

  it('when the series is scaled by k, then every amount scales by k and probabilities stay', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 3, maxLength: 50 }),
        fc.constantFrom(0.25, 2, 8, 1024),
        (values, k) => {
          const caps = [{ id: 'c', limitUsd: values.reduce((s, v) => s + v, 0) }];
          const base = forecastMonthEnd(requestFor(values, caps));
          const scaled = forecastMonthEnd(requestFor(values.map((v) => v * k), caps.map((c) => ({ ...c, limitUsd: c.limitUsd * k }))));
          // Equivariant up to rounding: log-likelihoods of scaled data differ by a constant, rounded (observed ≤ 2e-7).
          const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(b), 1e-9));
          close(scaled.projectedMonthEndUsd, base.projectedMonthEndUsd * k);
          close(scaled.interval.p90, base.interval.p90 * k);
          scaled.daily.forEach((day, h) => {
            close(day.meanUsd, base.daily[h]!.meanUsd * k);
            close(day.upper95, base.daily[h]!.upper95 * k);
          });
          expect(Math.abs(scaled.caps[0]!.breachProbability - base.caps[0]!.breachProbability)).toBeLessThanOrEqual(0.002);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('when the same request is forecast twice, then the answers are identical', () => {
    fc.assert(
      fc.property(dailySpend, (values) => {
        const request = requestFor(values, [{ id: 'c', limitUsd: 1000 }]);
        expect(forecastMonthEnd(request)).toEqual(forecastMonthEnd(request));
      }),
      { numRuns: 10 },
    );
  });

  it.each([
    ['no point', []],
    ['one point', [120]],
    ['two points', [120, 80]],
    ['all zeros', Array.from({ length: 30 }, () => 0)],
    ['a single spike', Array.from({ length: 30 }, (_, i) => (i === 17 ? 10_000 : 0))],
    ['a spike on the last day', [...Array.from({ length: 20 }, () => 1), 5000]],
    ['tiny amounts', Array.from({ length: 40 }, (_, i) => 1e-9 * (1 + (i % 7)))],
  ])('when the series has %s, then the forecast is finite and well formed', (_name, values) => {
    const forecast = forecastMonthEnd(requestFor(values, [{ id: 'c', limitUsd: 100 }]));
    expectWellFormed(forecast);
  });

  it('when there are one or two points, then intervals are wide rather than falsely certain', () => {
    for (const values of [[100], [100, 100]]) {
      const day = forecastMonthEnd(requestFor(values)).daily[0]!;
      expect(day.upper80 - day.lower80).toBeGreaterThan(50);
    }
  });

  it('when the series has gaps, then missing days count as zero spend', () => {
    const gappy = forecastMonthEnd({ series: [{ date: '2025-03-01', costUsd: 10 }, { date: '2025-03-04', costUsd: 10 }], periodEnd: '2025-03-31', caps: [] });
    const filled = forecastMonthEnd(requestFor([10, 0, 0, 10], [], '2025-03-31'));
    expect(gappy).toEqual(filled);
  });

  it('when a cap is already exceeded, then its breach probability is 1; when periodEnd is the last date, then nothing is simulated', () => {
    const forecast = forecastMonthEnd(requestFor([50, 60, 70], [{ id: 'low', limitUsd: 100 }, { id: 'high', limitUsd: 1000 }], '2025-03-03'));
    expect(forecast.daily).toEqual([]);
    expect(forecast.projectedMonthEndUsd).toBe(180);
    expect(forecast.interval).toEqual({ p10: 180, p50: 180, p90: 180 });
    expect(forecast.caps.map((cap) => cap.breachProbability)).toEqual([1, 0]);
  });

  it('when the series ends in the month before periodEnd, then nothing is spent to date and the whole month is forecast', () => {
    const forecast = forecastMonthEnd(requestFor(Array.from({ length: 31 }, () => 10), [], '2025-04-30'));
    expect(forecast.spentToDateUsd).toBe(0);
    expect(forecast.daily).toHaveLength(30);
    expect(forecast.projectedMonthEndUsd).toBeCloseTo(300, 6);
  });
});
