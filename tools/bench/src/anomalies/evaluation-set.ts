import { createRandom, type AnomalyGranularity, type Random } from '@finops/forecasting';

/**
 * The labelled evaluation set for anomaly detection: synthetic spend series with a realistic rhythm (hour-of-day
 * and weekday/weekend shape, a trend, public holidays, day-to-day swings, multiplicative noise at several levels)
 * and anomalies injected at known places. Everything comes from one seed, so every run scores the same series.
 */
export type InjectedKind = 'runaway' | 'model-switch' | 'slow-doubling' | 'drop-to-zero';

export interface InjectedAnomaly {
  kind: InjectedKind;
  /** Index of the first affected point and of the first point after it (exclusive). */
  start: number;
  end: number;
  /** Σ(injected − clean) over the anomaly, USD (negative for drops). */
  impactUsd: number;
}

export interface LabelledSeries {
  id: string;
  granularity: AnomalyGranularity;
  values: Float64Array;
  labels: InjectedAnomaly[];
  /** Mean clean spend per hour, USD (for daily series: per day ÷ 24), the yardstick of "large". */
  typicalHourlyUsd: number;
  /** Indexes of points on public holidays. */
  holidayPoints: Set<number>;
  noiseSigma: number;
}

export const HOURLY_DAYS = 60;
export const DAILY_DAYS = 400;
/** The detector judges points after three weeks of history; anomalies are injected after that. */
const FIRST_INJECTED_DAY = { hour: 23, day: 35 };

interface Rhythm {
  pointsPerDay: number;
  days: number;
  level: number;
  growthPerDay: number;
  weekendFactor: number;
  holidayFactor: number;
  holidays: Set<number>;
  hourProfile: number[];
  noiseSigma: number;
  daySigma: number;
}

function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random.uniform();
}

/** Business-hours profile: a night floor and a bump around a peak hour (UTC), normalised to mean 1. */
function hourProfile(random: Random): number[] {
  const peak = between(random, 9, 18);
  const width = between(random, 2.5, 5);
  const floor = between(random, 0.05, 0.4);
  const raw = Array.from({ length: 24 }, (_, h) => {
    const distance = Math.min(Math.abs(h - peak), 24 - Math.abs(h - peak));
    return floor + (1 - floor) * Math.exp(-(distance * distance) / (2 * width * width));
  });
  const mean = raw.reduce((a, b) => a + b, 0) / 24;
  return raw.map((v) => v / mean);
}

function rhythm(random: Random, granularity: AnomalyGranularity, noiseSigma: number): Rhythm {
  const days = granularity === 'hour' ? HOURLY_DAYS : DAILY_DAYS;
  const holidays = new Set<number>();
  // About one public holiday a month, on weekdays (weekend holidays change nothing).
  for (let d = 7; d < days; d += Math.floor(between(random, 20, 40))) if (d % 7 < 5) holidays.add(d);
  return {
    pointsPerDay: granularity === 'hour' ? 24 : 1,
    days,
    level: Math.pow(10, between(random, -0.3, 1.7)) * (granularity === 'hour' ? 1 : 24),
    growthPerDay: Math.log(1 + between(random, -0.1, 0.3)) / 30,
    weekendFactor: between(random, 0.2, 0.8),
    holidayFactor: between(random, 0.2, 0.6),
    holidays,
    hourProfile: granularity === 'hour' ? hourProfile(random) : [1],
    noiseSigma,
    daySigma: between(random, 0.03, 0.1),
  };
}

/** Noise-free rate per point and the clean noisy series. Days start on Monday (index 0). */
function cleanSeries(random: Random, r: Rhythm): { rate: Float64Array; values: Float64Array } {
  const n = r.days * r.pointsPerDay;
  const rate = new Float64Array(n);
  const values = new Float64Array(n);
  for (let d = 0; d < r.days; d++) {
    const dayFactor = (d % 7 >= 5 ? r.weekendFactor : r.holidays.has(d) ? r.holidayFactor : 1) * Math.exp(r.growthPerDay * d);
    const swing = Math.exp(r.daySigma * random.normal() - (r.daySigma * r.daySigma) / 2);
    for (let h = 0; h < r.pointsPerDay; h++) {
      const t = d * r.pointsPerDay + h;
      rate[t] = r.level * dayFactor * (r.hourProfile[h] as number);
      const noise = Math.exp(r.noiseSigma * random.normal() - (r.noiseSigma * r.noiseSigma) / 2);
      values[t] = Math.round(rate[t]! * swing * noise * 1e6) / 1e6;
    }
  }
  return { rate, values };
}

/** Multiplies [start, end) by factor(t − start); zero factor is a drop to zero. Returns Σ(new − old). */
function inject(values: Float64Array, start: number, end: number, factor: (offset: number) => number): number {
  let impact = 0;
  for (let t = start; t < end && t < values.length; t++) {
    const before = values[t] as number;
    values[t] = Math.round(before * factor(t - start) * 1e6) / 1e6;
    impact += (values[t] as number) - before;
  }
  return impact;
}

function injectKind(random: Random, kind: InjectedKind, values: Float64Array, start: number, granularity: AnomalyGranularity): InjectedAnomaly {
  const perDay = granularity === 'hour' ? 24 : 1;
  const span = (hoursLow: number, hoursHigh: number, daysLow: number, daysHigh: number): number =>
    granularity === 'hour' ? Math.floor(between(random, hoursLow, hoursHigh + 1)) : Math.floor(between(random, daysLow, daysHigh + 1));
  let end: number;
  let impactUsd: number;
  switch (kind) {
    case 'runaway': {
      const multiple = between(random, 3, 20);
      end = start + span(1, 12, 1, 2);
      impactUsd = inject(values, start, end, () => multiple);
      break;
    }
    case 'model-switch':
      end = start + span(24, 96, 3, 10);
      impactUsd = inject(values, start, end, () => 5);
      break;
    case 'slow-doubling': {
      const ramp = 7 * perDay;
      end = start + ramp + 2 * perDay;
      impactUsd = inject(values, start, end, (offset) => 1 + Math.min(offset / ramp, 1));
      break;
    }
    case 'drop-to-zero':
      end = start + span(6, 48, 1, 3);
      impactUsd = inject(values, start, end, () => 0);
      break;
  }
  return { kind, start, end: Math.min(end, values.length), impactUsd };
}

export const INJECTED_KINDS: readonly InjectedKind[] = ['runaway', 'model-switch', 'slow-doubling', 'drop-to-zero'];
export const NOISE_LEVELS: readonly number[] = [0.1, 0.25, 0.4];

export interface EvaluationSetSize {
  /** Series per (granularity, noise level, anomaly kind) with anomalies injected, and clean ones per (granularity, noise). */
  anomalousPerCell: number;
  cleanPerCell: number;
}

/** Builds the whole set from `seed`: for each granularity and noise level, clean series and series per anomaly kind. */
export function buildEvaluationSet(seed: number, size: EvaluationSetSize): LabelledSeries[] {
  const random = createRandom(seed);
  const set: LabelledSeries[] = [];
  for (const granularity of ['hour', 'day'] as const) {
    for (const noise of NOISE_LEVELS) {
      const kinds: (InjectedKind | null)[] = [
        ...Array.from({ length: size.cleanPerCell }, () => null),
        ...INJECTED_KINDS.flatMap((kind) => Array.from({ length: size.anomalousPerCell }, () => kind)),
      ];
      kinds.forEach((kind, i) => set.push(labelledSeries(random, granularity, noise, kind, `${granularity}-${noise}-${kind ?? 'clean'}-${i}`)));
    }
  }
  return set;
}

/**
 * `count` hourly series of 60 days as the anomaly job would meet them, for the speed benchmark: the rhythm, trend,
 * holidays and noise of the evaluation set, noise levels in turn, and two anomalies of one kind (kinds in turn) in
 * four series out of five.
 */
export function buildSpeedSet(seed: number, count: number): LabelledSeries[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 5 === 4 ? null : (INJECTED_KINDS[i % INJECTED_KINDS.length] as InjectedKind);
    return labelledSeries(random, 'hour', NOISE_LEVELS[i % NOISE_LEVELS.length] as number, kind, `speed-${i}`);
  });
}

/** One series: its rhythm and noise from `random`, and, with a kind, that kind injected where the detector judges. */
function labelledSeries(random: Random, granularity: AnomalyGranularity, noise: number, kind: InjectedKind | null, id: string): LabelledSeries {
  const noiseSigma = granularity === 'hour' ? noise : noise / 2;
  const r = rhythm(random, granularity, noiseSigma);
  const { values } = cleanSeries(random, r);
  const n = values.length;
  const typicalHourlyUsd = values.reduce((a, b) => a + b, 0) / n / (24 / r.pointsPerDay);
  const labels: InjectedAnomaly[] = [];
  if (kind) {
    // Two anomalies of the kind (three in the longer daily series), well apart.
    const first = FIRST_INJECTED_DAY[granularity] * r.pointsPerDay;
    const count = granularity === 'day' ? 3 : 2;
    const stride = Math.floor((n - first) / count);
    for (let k = 0; k < count; k++) {
      const start = first + k * stride + Math.floor(between(random, 0, stride / 3));
      labels.push(injectKind(random, kind, values, start, granularity));
    }
  }
  const holidayPoints = new Set<number>();
  for (const d of r.holidays) for (let h = 0; h < r.pointsPerDay; h++) holidayPoints.add(d * r.pointsPerDay + h);
  return { id, granularity, values, labels, typicalHourlyUsd, holidayPoints, noiseSigma };
}
