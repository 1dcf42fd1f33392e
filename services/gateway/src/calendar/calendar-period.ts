import type { BudgetPeriodType } from '@finops/contracts';

/** Calendar period lengths; guard policies use the first three. */
export type CalendarPeriodType = BudgetPeriodType;
import { DateTime } from 'luxon';

export interface CalendarPeriod {
  /** First instant of the period (inclusive). */
  start: Date;
  /** First instant of the next period (exclusive). */
  end: Date;
}

const UNITS = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter' } as const;
const STEPS = { daily: { days: 1 }, weekly: { weeks: 1 }, monthly: { months: 1 }, quarterly: { quarters: 1 } } as const;

/**
 * The calendar period of `type` in `timeZone` that contains `at`: local midnight of the day, of the Monday (ISO 8601
 * weeks), of the 1st of the month, or of the 1st of January/April/July/October. Luxon resolves local wall times to
 * instants, so a 23- or 25-hour day at a DST change and half-hour zones come out right; where a DST change skips
 * midnight, the period starts at the first instant that exists that day.
 */
export function periodContaining(type: CalendarPeriodType, timeZone: string, at: Date): CalendarPeriod {
  const unit = UNITS[type];
  const start = DateTime.fromJSDate(at, { zone: timeZone }).startOf(unit);
  if (!start.isValid) throw new Error(`cannot compute a ${type} period in time zone ${timeZone}`);
  // startOf again: adding a month to a start that was shifted by a skipped midnight must land on the next start.
  const end = start.plus(STEPS[type]).startOf(unit);
  return { start: start.toJSDate(), end: end.toJSDate() };
}

export function samePeriod(a: CalendarPeriod, b: CalendarPeriod): boolean {
  return a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}
