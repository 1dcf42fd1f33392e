import { seasonalMedianAt, seasonalMedianBaseline } from './seasonal-baseline';

const HOURS_PER_WEEK = 168;

function expectRelative(actual: number | undefined, expected: number): void {
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('seasonalMedianBaseline by hand', () => {
  // Season length 3, at most 3 earlier seasons. Each expectation is the median of the same slot in earlier seasons:
  //   t 0–2: no earlier season → NaN
  //   t 3–5: one season   → y0, y1, y2            = 1, 2, 3
  //   t 6–8: two seasons  → (4+1)/2, (5+2)/2, …   = 2.5, 3.5, 4.5
  //   t 9–11: three       → med(7,4,1), …         = 4, 5, 6
  //   t 12: med(y9, y6, y3) = med(100, 7, 4) = 7 (y0 is a fourth season, beyond the three); t 13: med(11, 8, 5) = 8;
  //   t 14: med(12, 9, 6) = 9
  const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 11, 12, 13, 14, 15];
  const hand = [NaN, NaN, NaN, 1, 2, 3, 2.5, 3.5, 4.5, 4, 5, 6, 7, 8, 9];
  const seasons = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3];

  it('when a short series is worked through, then every expectation and season count matches the hand computation', () => {
    const baseline = seasonalMedianBaseline(y, 3, 3);
    expect([...baseline.expected]).toEqual(hand);
    expect([...baseline.seasons]).toEqual(seasons);
  });

  it('when one earlier season holds a spike, then the median of three ignores it', () => {
    // t = 12 sees 100 at t = 9 but expects 7; the spike itself (t = 9) was expected at 4, not learnt from.
    const baseline = seasonalMedianBaseline(y, 3, 3);
    expect(baseline.expected[12]).toBe(7);
    expect(baseline.expected[9]).toBe(4);
  });

  it('when the series is cut short, then the expectations up to the cut are unchanged (only earlier points are used)', () => {
    const full = seasonalMedianBaseline(y, 3, 3).expected;
    const prefix = seasonalMedianBaseline(y.slice(0, 10), 3, 3).expected;
    expect([...prefix]).toEqual([...full.subarray(0, 10)]);
  });

  it('when seasonalMedianAt is asked for one point of another history, then it uses that history', () => {
    const scratch = new Float64Array(3);
    expect(seasonalMedianAt(y, 12, 3, scratch)).toBe(7);
    // With the spike at t = 9 replaced by 10: med(10, 7, 4) = 7 still; with 4 at t = 3 replaced by 8: med(100, 7, 8) = 8.
    const history = [...y];
    history[3] = 8;
    expect(seasonalMedianAt(history, 12, 3, scratch)).toBe(8);
    expect(seasonalMedianAt(y, 2, 3, scratch)).toBeNaN();
  });
});

describe('seasonalMedianBaseline on an hour-of-week series', () => {
  // Six weeks of hourly points: slot s of week w costs (1 + s/10) × f[w], with weekly factors f that include a
  // tenfold week. The hour-of-week median of the previous (up to 4) weeks at slot s is (1 + s/10) × median of the
  // previous factors:
  //   week 1: med(1) = 1; week 2: med(2, 1) = 1.5; week 3: med(3, 2, 1) = 2;
  //   week 4: med(10, 3, 2, 1) = (2 + 3)/2 = 2.5; week 5: med(4, 10, 3, 2) = (3 + 4)/2 = 3.5.
  const factors = [1, 2, 3, 10, 4, 5];
  const weekMedians = [NaN, 1, 1.5, 2, 2.5, 3.5];
  const seasonsByWeek = [0, 1, 2, 3, 4, 4];
  const slotShape = (slot: number): number => 1 + slot / 10;
  const y = Float64Array.from({ length: factors.length * HOURS_PER_WEEK }, (_, t) => slotShape(t % HOURS_PER_WEEK) * factors[Math.floor(t / HOURS_PER_WEEK)]!);

  it('when the expectation is computed with 4 seasons, then each hour matches its slot shape times the median of the earlier weeks', () => {
    const { expected, seasons } = seasonalMedianBaseline(y, HOURS_PER_WEEK, 4);
    for (let t = 0; t < y.length; t++) {
      const week = Math.floor(t / HOURS_PER_WEEK);
      if (week === 0) expect(expected[t]).toBeNaN();
      else expectRelative(expected[t], slotShape(t % HOURS_PER_WEEK) * weekMedians[week]!);
      expect(seasons[t]).toBe(seasonsByWeek[week]);
    }
  });

  it('when the week after the tenfold week is expected, then it is not pulled up to the tenfold level', () => {
    // Week 4 follows the tenfold week 3: 2.5 × the slot shape, where the mean of the four earlier weeks would be 4.
    const { expected } = seasonalMedianBaseline(y, HOURS_PER_WEEK, 4);
    const t = 4 * HOURS_PER_WEEK + 100;
    expectRelative(expected[t], 2.5 * slotShape(100));
  });
});
