import { DAY_MS, HOUR_MS } from '@finops/contracts';
/** Where spend for a stretch of time is read from, coarsest first. */
export type SpendSource = 'daily' | 'hourly' | 'traces';

export interface SpendSegment {
  source: SpendSource;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

const UNIT_MS: Record<Exclude<SpendSource, 'traces'>, number> = { daily: DAY_MS, hourly: HOUR_MS };

const floorTo = (date: Date, unitMs: number) => new Date(Math.floor(date.getTime() / unitMs) * unitMs);
const ceilTo = (date: Date, unitMs: number) => new Date(Math.ceil(date.getTime() / unitMs) * unitMs);

/**
 * Splits [from, to) into pieces each source can answer exactly: whole UTC days from the daily rollup, whole hours
 * from the hourly rollup, and what is left at the edges (a bound inside an hour) from the traces. A month therefore
 * costs about 30 daily reads per group, an arbitrary instant range at most two extra partial days of hours and two
 * partial hours of traces. Sources left out of `sources` are skipped (their stretch goes to the next finer one);
 * the traces always remain.
 */
export function planSpendSegments(from: Date, to: Date, sources: readonly SpendSource[]): SpendSegment[] {
  const [source, ...finer] = sources.includes('traces') ? sources : [...sources, 'traces' as const];
  if (from.getTime() >= to.getTime() || !source) return [];
  if (source === 'traces') return [{ source, from, to }];
  const wholeFrom = ceilTo(from, UNIT_MS[source]);
  const wholeTo = floorTo(to, UNIT_MS[source]);
  if (wholeFrom.getTime() >= wholeTo.getTime()) return planSpendSegments(from, to, finer);
  return [...planSpendSegments(from, wholeFrom, finer), { source, from: wholeFrom, to: wholeTo }, ...planSpendSegments(wholeTo, to, finer)];
}
