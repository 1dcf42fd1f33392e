import { DAY_MS, toDateString } from '@finops/contracts';
import type { SpendRow } from '../spend/spend-query';

export interface DailyPoint {
  date: string;
  /** Exact decimal string, as summed by the database. */
  costUsd: string;
}

/** One point per UTC day in [from, to), days without spend as "0" (the forecaster treats gaps as zero too). */
export function zeroFilledDays(rows: SpendRow[], from: Date, to: Date): DailyPoint[] {
  const byDay = new Map(rows.map((row) => [toDateString(row.bucketStart!), row.spendUsd]));
  const points: DailyPoint[] = [];
  for (let day = from.getTime(); day < to.getTime(); day += DAY_MS) {
    const date = toDateString(new Date(day));
    points.push({ date, costUsd: byDay.get(date) ?? '0' });
  }
  return points;
}
