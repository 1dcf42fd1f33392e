import { HOUR_MS, spendDimensions, type AnomalyDetectionRequest } from '@finops/contracts';
import { Decimal } from '@finops/pricing';
import type { SpendQuery, SpendRow } from '../spend/spend-query';
import type { AnomalyScope } from './anomaly';

type AnomalyPoint = AnomalyDetectionRequest['series'][number];

export type SpendReader = (query: SpendQuery) => Promise<SpendRow[]>;

export interface ScopeSeries {
  scope: AnomalyScope;
  points: AnomalyPoint[];
}

export interface DetectionWindow {
  /** Start of the first hour sent. */
  from: Date;
  /** End of the last whole hour: an hour still going on would read as a drop. */
  to: Date;
}

export function detectionWindow(now: Date, days: number): DetectionWindow {
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  return { from: new Date(to.getTime() - days * 24 * HOUR_MS), to };
}

/** One point per hour of the window, 0 where nothing was spent; costs become floats here, for the detector only. */
function denseSeries(window: DetectionWindow, rows: SpendRow[]): AnomalyPoint[] {
  const hours = Math.round((window.to.getTime() - window.from.getTime()) / HOUR_MS);
  const costs = new Array<number>(hours).fill(0);
  for (const row of rows) {
    const index = Math.round((row.bucketStart!.getTime() - window.from.getTime()) / HOUR_MS);
    costs[index] = Number(row.spendUsd);
  }
  return costs.map((costUsd, i) => ({ start: new Date(window.from.getTime() + i * HOUR_MS).toISOString(), costUsd }));
}

/**
 * The org's hourly total, and the hourly spend of every tagged value of every dimension that spent at least
 * `minSpendUsd` in the window (untagged spend has no scope to name; it still shows in the total and in drivers).
 */
export async function buildScopeSeries(read: SpendReader, window: DetectionWindow, minSpendUsd: string): Promise<ScopeSeries[]> {
  const total = await read({ ...window, bucket: 'hour' });
  const series: ScopeSeries[] = [{ scope: { dimension: 'org', value: null }, points: denseSeries(window, total) }];
  for (const dimension of spendDimensions) {
    const byValue = new Map<string, SpendRow[]>();
    for (const row of await read({ ...window, bucket: 'hour', groupBy: [dimension] })) {
      const value = row.group[dimension];
      if (value === null || value === undefined) continue;
      const rows = byValue.get(value) ?? [];
      rows.push(row);
      byValue.set(value, rows);
    }
    for (const [value, rows] of byValue) {
      const spent = rows.reduce((sum, row) => sum.plus(row.spendUsd), new Decimal(0));
      if (spent.gte(minSpendUsd)) series.push({ scope: { dimension, value }, points: denseSeries(window, rows) });
    }
  }
  return series;
}
