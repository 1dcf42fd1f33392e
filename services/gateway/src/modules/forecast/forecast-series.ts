import { mapBounded } from '../../concurrency/map-bounded';
import type { SpendRow } from '../spend/spend-query';
import type { SpendRepository } from '../spend/spend.repository';
import { zeroFilledDays, type DailyPoint } from './zero-filled-days';
import type { ForecastScope } from './forecast-scope';

const MAX_PARALLEL_QUERIES = 4;

/**
 * The daily spend series of many scopes over [from, to): one query per dimension (grouped by it when several values
 * are wanted), not one per scope.
 */
export async function dailySeriesFor(spend: SpendRepository, orgId: string, scopes: readonly ForecastScope[], from: Date, to: Date): Promise<DailyPoint[][]> {
  const byDimension = new Map<ForecastScope['dimension'], number[]>();
  scopes.forEach((scope, index) => byDimension.set(scope.dimension, [...(byDimension.get(scope.dimension) ?? []), index]));
  const series: DailyPoint[][] = new Array(scopes.length);
  await mapBounded([...byDimension.entries()], MAX_PARALLEL_QUERIES, async ([dimension, members]) => {
    const values = [...new Set(members.map((index) => scopes[index]!.value))];
    if (dimension === 'org' || values.length === 1) {
      const rows = await spend.query(orgId, { from, to, bucket: 'day', filters: scopes[members[0]!]!.filters });
      for (const index of members) series[index] = zeroFilledDays(rows, from, to);
      return;
    }
    const rows = await spend.query(orgId, { from, to, bucket: 'day', groupBy: [dimension] });
    const rowsByValue = new Map<string, SpendRow[]>();
    for (const row of rows) {
      const value = row.group[dimension];
      if (typeof value === 'string') rowsByValue.set(value, [...(rowsByValue.get(value) ?? []), row]);
    }
    for (const index of members) series[index] = zeroFilledDays(rowsByValue.get(scopes[index]!.value!) ?? [], from, to);
  });
  return series;
}
