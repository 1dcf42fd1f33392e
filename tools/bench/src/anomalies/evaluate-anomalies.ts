import { GRANULARITY_SHAPES, detectSpendAnomalies, type AnomalyGranularity } from '@finops/forecasting';
import { detectWithBaseline } from './baseline-detector';
import { buildEvaluationSet, type InjectedKind, type LabelledSeries } from './evaluation-set';
import { scoreSeries, type Detector, type SeriesScore } from './scoring';

/* eslint-disable no-console -- a command-line report */

/**
 * `pnpm run eval:anomalies`: scores the detector and the reference method on the same seeded evaluation set and
 * prints the README table. Options: `--seed N` (default 16), `--size small` for a quick look.
 */
const DELAY_GOALS: Record<AnomalyGranularity, Record<InjectedKind, number>> = {
  hour: { runaway: 2, 'model-switch': 2, 'drop-to-zero': 6, 'slow-doubling': 0 },
  day: { runaway: 1, 'model-switch': 1, 'drop-to-zero': 1, 'slow-doubling': 0 },
};

interface Totals {
  reports: number;
  truePositives: number;
  eligible: number;
  eligibleFound: number;
  cleanReports: number;
  cleanHolidayReports: number;
  cleanDays: number;
  cleanSeries: number;
  delays: Record<InjectedKind, { pointsSeen: number; found: boolean }[]>;
}

function total(scores: { series: LabelledSeries; score: SeriesScore }[]): Totals {
  const totals: Totals = {
    reports: 0,
    truePositives: 0,
    eligible: 0,
    eligibleFound: 0,
    cleanReports: 0,
    cleanHolidayReports: 0,
    cleanDays: 0,
    cleanSeries: 0,
    delays: { runaway: [], 'model-switch': [], 'slow-doubling': [], 'drop-to-zero': [] },
  };
  for (const { series, score } of scores) {
    totals.reports += score.reports;
    totals.truePositives += score.truePositives;
    totals.eligible += score.eligible;
    totals.eligibleFound += score.eligibleFound;
    if (series.labels.length === 0) {
      totals.cleanReports += score.reports;
      totals.cleanHolidayReports += score.falseOnHolidays;
      totals.cleanDays += score.scoredDays;
      totals.cleanSeries++;
    }
    for (const delay of score.delays) totals.delays[delay.kind].push(delay);
  }
  return totals;
}

const percent = (part: number, whole: number): string => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);
const ratio = (part: number, whole: number): string => (whole === 0 ? 'n/a' : (part / whole).toFixed(3));

function rows(granularity: AnomalyGranularity, name: string, t: Totals): string[] {
  const unit = granularity === 'hour' ? 'h' : 'd';
  const within = (kind: InjectedKind): string => {
    const delays = t.delays[kind];
    const goal = DELAY_GOALS[granularity][kind];
    return `${percent(delays.filter((d) => d.pointsSeen <= goal).length, delays.length)} (${delays.length})`;
  };
  const found = (kind: InjectedKind): string => {
    const delays = t.delays[kind];
    return `${percent(delays.filter((d) => d.found).length, delays.length)} (${delays.length})`;
  };
  const goals = DELAY_GOALS[granularity];
  return [
    `| ${granularity === 'hour' ? 'hourly' : 'daily'} | ${name} | ${ratio(t.eligibleFound, t.eligible)} (${t.eligible}) | ${ratio(t.truePositives, t.reports)} (${t.reports}) | ` +
      `${((30 * t.cleanReports) / Math.max(t.cleanDays, 1)).toFixed(2)} (${t.cleanReports} in ${t.cleanSeries}; ${t.cleanHolidayReports} on holidays) | ` +
      `${within('runaway')} ≤ ${goals.runaway} ${unit} | ${within('model-switch')} ≤ ${goals['model-switch']} ${unit} | ` +
      `${within('drop-to-zero')} ≤ ${goals['drop-to-zero']} ${unit} | ${found('slow-doubling')} |`,
  ];
}

function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 16;
  const small = args.includes('--size') && args[args.indexOf('--size') + 1] === 'small';
  const set = buildEvaluationSet(seed, small ? { anomalousPerCell: 4, cleanPerCell: 8 } : { anomalousPerCell: 25, cleanPerCell: 50 });
  const detectors: [string, Detector][] = [
    ['detector (normal)', (values, series) => detectSpendAnomalies(values, series.granularity, 'normal').anomalies],
    ['baseline', (values, series) => detectWithBaseline(values, series.granularity)],
  ];
  const started = process.hrtime.bigint();
  const lines = [
    '| Series | Method | Recall (eligible) | Precision (reports) | False alarms / series / 30 days, clean series | Runaways found in time | Model switches found in time | Drops found in time | Slow doublings found |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const granularity of ['hour', 'day'] as const) {
    const shape = GRANULARITY_SHAPES[granularity];
    const maxDelay = granularity === 'hour' ? 12 : 3;
    const firstScored = shape.minSeasons * shape.seasonLength;
    const members = set.filter((s) => s.granularity === granularity);
    for (const [name, detect] of detectors) {
      const scores = members.map((series) => ({ series, score: scoreSeries(series, detect, maxDelay, firstScored) }));
      lines.push(...rows(granularity, name, total(scores)));
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Anomaly evaluation, seed ${seed}: ${set.length} series (${set.filter((s) => s.labels.length === 0).length} clean), ${seconds.toFixed(1)} s\n`);
  console.log(lines.join('\n'));
}

main();
