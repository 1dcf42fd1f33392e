import { brierScore, intervalCoverage } from '../../src/accuracy';
import { formatIsoDay, parseIsoDay } from '../../src/calendar';
import { type MonthEndForecast, type MonthEndRequest, forecastMonthEnd } from '../../src/month-end-forecast';
import { type Random, createRandom } from '../../src/random';

// Empirical calibration on series simulated from known processes (seeded, so the numbers are fixed): do 80% / 95%
// intervals contain about 80% / 95% of the truth, and do breach probabilities come true as often as they say?
// Used by test/unit/calibration.test.ts (100 series per process) and by scripts/calibration-experiment.cjs (any
// number of series, any build of the library).

const HISTORY_DAYS = 90; // 2025-01-01 .. 2025-03-31
const FUTURE_DAYS = 30; // April 2025
const START = parseIsoDay('2025-01-01')!;
const WEEK = [1.1, 1.2, 1.15, 1.1, 1.05, 0.7, 0.7];

export type Process = (random: Random) => number[];

/** ETS(A,N,A): level random walk (α = 0.2), additive weekly pattern, σ = 8 USD/day. */
export const additive: Process = (random) => {
  let level = 50 + 100 * random.uniform();
  return Array.from({ length: HISTORY_DAYS + FUTURE_DAYS }, (_, t) => {
    const error = 8 * random.normal();
    const value = level + 40 * (WEEK[t % 7]! - 1) + error;
    level += 0.2 * error;
    return Math.max(value, 0);
  });
};

/** ETS(M,N,M): level random walk (α = 0.1), multiplicative weekly pattern, σ = 15%. */
export const multiplicative: Process = (random) => {
  let level = 50 + 100 * random.uniform();
  return Array.from({ length: HISTORY_DAYS + FUTURE_DAYS }, (_, t) => {
    const error = 0.15 * random.normal();
    const value = level * WEEK[t % 7]! * (1 + error);
    level *= 1 + 0.1 * error;
    return Math.max(value, 0);
  });
};

export interface CalibrationResult {
  /** Share of future days inside their daily 80% / 95% intervals. */
  daily80: number;
  daily95: number;
  /** Share of month-end totals inside p10–p90. */
  total80: number;
  /** Brier score of the breach probabilities (five caps a series, 0.8–1.25 × the last week's run rate). */
  brier: number;
  /** Brier score of always stating the observed base rate. */
  climatologyBrier: number;
  meanProbability: number;
  baseRate: number;
}

/** Forecasts April from January–March for `seriesCount` series of `process` (seeded) and scores the forecasts. */
export function evaluate(
  process: Process,
  seed: number,
  seriesCount: number,
  forecast: (request: MonthEndRequest) => MonthEndForecast = forecastMonthEnd,
): CalibrationResult {
  const random = createRandom(seed);
  const actual: number[] = [];
  const [lower80, upper80, lower95, upper95]: number[][] = [[], [], [], []];
  const totals: number[] = [];
  const [totalLower, totalUpper]: number[][] = [[], []];
  const probabilities: number[] = [];
  const outcomes: boolean[] = [];
  for (let i = 0; i < seriesCount; i++) {
    const values = process(random);
    const history = values.slice(0, HISTORY_DAYS);
    const future = values.slice(HISTORY_DAYS);
    const total = future.reduce((sum, v) => sum + v, 0);
    const runRate = (history.slice(-7).reduce((sum, v) => sum + v, 0) / 7) * FUTURE_DAYS;
    const caps = [0.8, 0.9, 1, 1.1, 1.25].map((share, k) => ({ id: `c${k}`, limitUsd: share * runRate }));
    const result = forecast({
      series: history.map((costUsd, t) => ({ date: formatIsoDay(START + t), costUsd })),
      periodEnd: '2025-04-30',
      caps,
    });
    result.daily.forEach((day, h) => {
      actual.push(future[h]!);
      lower80!.push(day.lower80);
      upper80!.push(day.upper80);
      lower95!.push(day.lower95);
      upper95!.push(day.upper95);
    });
    totals.push(total);
    totalLower!.push(result.interval.p10);
    totalUpper!.push(result.interval.p90);
    result.caps.forEach((cap, k) => {
      probabilities.push(cap.breachProbability);
      outcomes.push(total > caps[k]!.limitUsd);
    });
  }
  const baseRate = outcomes.filter(Boolean).length / outcomes.length;
  return {
    daily80: intervalCoverage(actual, lower80!, upper80!),
    daily95: intervalCoverage(actual, lower95!, upper95!),
    total80: intervalCoverage(totals, totalLower!, totalUpper!),
    brier: brierScore(probabilities, outcomes),
    climatologyBrier: brierScore(
      probabilities.map(() => baseRate),
      outcomes,
    ),
    meanProbability: probabilities.reduce((sum, p) => sum + p, 0) / probabilities.length,
    baseRate,
  };
}
