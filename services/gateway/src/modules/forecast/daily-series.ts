import type { SpendRow } from '../spend/spend-query';

export const DAY_MS = 86_400_000;

export const utcDay = (instant: Date): Date => new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
export const isoDay = (day: Date): string => day.toISOString().slice(0, 10);

export interface DailyPoint {
  date: string;
  /** Exact decimal string, as summed by the database. */
  costUsd: string;
}

/** One point per UTC day in [from, to), days without spend as "0" (the forecaster treats gaps as zero too). */
export function zeroFilledDays(rows: SpendRow[], from: Date, to: Date): DailyPoint[] {
  const byDay = new Map(rows.map((row) => [isoDay(row.bucketStart!), row.spendUsd]));
  const points: DailyPoint[] = [];
  for (let day = from.getTime(); day < to.getTime(); day += DAY_MS) {
    const date = isoDay(new Date(day));
    points.push({ date, costUsd: byDay.get(date) ?? '0' });
  }
  return points;
}
