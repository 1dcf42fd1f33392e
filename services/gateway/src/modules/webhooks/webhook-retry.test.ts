import { retryDelayMs } from './webhook-retry';

const schedule = { baseMs: 30_000, maxMs: 3_600_000 };

describe('webhook retry delays', () => {
  test('when attempts fail one after another, then the nominal delay doubles from the base up to the cap', () => {
    const top = (attempt: number) => retryDelayMs(attempt, schedule, () => 0.999999999);

    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(top)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  test('when jitter is applied, then every delay lies between half and all of the nominal delay', () => {
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const nominal = Math.min(schedule.maxMs, schedule.baseMs * 2 ** (attempt - 1));
      for (const random of [0, 0.25, 0.5, 0.999]) {
        const delay = retryDelayMs(attempt, schedule, () => random);
        expect(delay).toBeGreaterThanOrEqual(nominal / 2);
        expect(delay).toBeLessThanOrEqual(nominal);
      }
    }
  });
});
