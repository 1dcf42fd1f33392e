import { parseIsoDay } from './calendar';

export interface DailyCost {
  /** Calendar day `YYYY-MM-DD`. */
  date: string;
  /** Spend on that day in USD (non-negative). */
  costUsd: number;
}

export interface DenseSeries {
  /** Day number (days since 1970-01-01) of values[0]. */
  firstDay: number;
  /** One value per consecutive day, USD per day. */
  values: Float64Array;
}

/**
 * Lays daily points on a gap-free calendar from the first to the last date. A day that is missing inside the range
 * counts as zero spend (no traces were recorded that day); points may come in any order; a date given twice is
 * summed. Throws on an unparseable date: callers validate first (the HTTP contract does).
 */
export function toDenseSeries(points: readonly DailyCost[]): DenseSeries {
  if (points.length === 0) return { firstDay: 0, values: new Float64Array(0) };
  const days = points.map((point) => {
    const day = parseIsoDay(point.date);
    if (day === undefined) throw new RangeError(`not a calendar date: ${point.date}`);
    return day;
  });
  const firstDay = Math.min(...days);
  const lastDay = Math.max(...days);
  const values = new Float64Array(lastDay - firstDay + 1);
  points.forEach((point, i) => {
    const index = (days[i] ?? firstDay) - firstDay;
    values[index] = (values[index] ?? 0) + point.costUsd;
  });
  return { firstDay, values };
}
