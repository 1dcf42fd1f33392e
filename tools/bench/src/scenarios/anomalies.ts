import { detectSpendAnomalies } from '@finops/forecasting';
import { buildSpeedSet } from '../anomalies/evaluation-set';
import { median } from '../load';
import type { BenchPlan, BenchResult } from './scenario';

/** Target for detection over all series of a full run on the 2-core reference machine. */
const GOAL_SECONDS = 10;
const FULL_SERIES = 1_000;

/**
 * Scenario 9: anomaly detection in this process on one core, as the hourly job would run it: 1,000 hourly series of
 * 60 days (1,440 points; seasonal, trending, noisy, most with a few anomalies), one after another. The series are
 * built first; each run times detection over all of them; the median of the runs is reported, and the goal is for
 * the full size (the quick run's smaller size is reported per 1,000 series, scaled, with the goal not judged).
 */
export async function anomalyDetection(plan: BenchPlan, log: (line: string) => void): Promise<BenchResult[]> {
  const count = plan.quick ? 100 : FULL_SERIES;
  const runs = plan.quick ? 3 : 5;
  log(`scenario 9: building ${count} hourly series of 60 days`);
  const set = buildSpeedSet(9, count);
  // Warm-up: the first pass compiles the detector's loops.
  for (const series of set.slice(0, 50)) detectSpendAnomalies(series.values, 'hour');
  const seconds: number[] = [];
  let anomalies = 0;
  for (let run = 0; run < runs; run++) {
    anomalies = 0;
    const started = process.hrtime.bigint();
    for (const series of set) anomalies += detectSpendAnomalies(series.values, 'hour').anomalies.length;
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    log(`scenario 9: run ${run + 1}/${runs}: ${seconds[seconds.length - 1]!.toFixed(2)} s for ${count} series`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const medianSeconds = median(seconds);
  const full = count === FULL_SERIES;
  return [
    {
      scenario: `9 anomaly detection, ${count.toLocaleString('en-US')} hourly series × 60 days`,
      metric: `median of ${runs} runs, one core`,
      value: medianSeconds,
      unit: 's',
      goal: full ? `< ${GOAL_SECONDS} s` : `< ${GOAL_SECONDS} s at 1,000 series (not judged at this size)`,
      ...(full ? { met: medianSeconds < GOAL_SECONDS } : {}),
      details: {
        series: count,
        points: count * 1_440,
        runsSeconds: seconds,
        perSeriesMs: (1000 * medianSeconds) / count,
        per1000SeriesSeconds: (medianSeconds * FULL_SERIES) / count,
        anomaliesFound: anomalies,
      },
    },
  ];
}
