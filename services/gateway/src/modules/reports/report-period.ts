import { DAY_MS, inclusiveDayCount, type ReportGranularity, reportLimits, type ReportPeriod, toDateString, utcMidnight } from '@finops/contracts';
import { InvalidFieldError } from '../../errors';

/** Whole UTC days, both inclusive, as YYYY-MM-DD (which also sort and compare as strings). */
export type DateRange = ReportPeriod;
export type PeriodGranularity = Exclude<ReportGranularity, 'total'>;

export const addDays = (date: string, days: number): string => toDateString(new Date(utcMidnight(date).getTime() + days * DAY_MS));

/** The instants a range covers, [from, to): `to` includes all of its day. */
export function rangeInstants(range: DateRange): { from: Date; to: Date } {
  return { from: utcMidnight(range.from), to: utcMidnight(addDays(range.to, 1)) };
}

/**
 * Fills in omitted dates: `to` defaults to today (so the report runs up to now) and `from` to the first day of the
 * month of `to`. Explicit pairs were checked by the query schema; a default can still make a range invalid.
 */
export function resolveRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): DateRange {
  const today = toDateString(now);
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  if (query.to === undefined && from > to) {
    throw new InvalidFieldError('from', `must not be after to, which defaults to today (${today})`, 'query');
  }
  if (query.to === undefined && inclusiveDayCount(from, to) > reportLimits.maxRangeDays) {
    throw new InvalidFieldError('from', `makes the range to today (${today}, the default to) longer than ${reportLimits.maxRangeDays} days`, 'query');
  }
  return { from, to };
}

/** First day of the period holding `date`: itself, the Monday of its ISO week, or the first of its month. */
export function periodStart(date: string, granularity: PeriodGranularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return `${date.slice(0, 7)}-01`;
  const daysSinceMonday = (utcMidnight(date).getUTCDay() + 6) % 7;
  return addDays(date, -daysSinceMonday);
}

/** Last day (inclusive) of the period starting on `start`. */
function periodLastDay(start: string, granularity: PeriodGranularity): string {
  if (granularity === 'day') return start;
  if (granularity === 'week') return addDays(start, 6);
  const first = utcMidnight(start);
  return toDateString(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)));
}

/** The period holding `date`, cut to the range (a month report from the 5th starts its first period on the 5th). */
export function periodOf(date: string, granularity: PeriodGranularity, range: DateRange): ReportPeriod {
  const start = periodStart(date, granularity);
  const last = periodLastDay(start, granularity);
  return { from: start < range.from ? range.from : start, to: last > range.to ? range.to : last };
}

/** Every period of the range, in order, cut to the range. */
export function periodsOf(range: DateRange, granularity: PeriodGranularity): ReportPeriod[] {
  const periods: ReportPeriod[] = [];
  for (let day = range.from; day <= range.to; day = addDays(periodLastDay(periodStart(day, granularity), granularity), 1)) {
    periods.push(periodOf(day, granularity, range));
  }
  return periods;
}
