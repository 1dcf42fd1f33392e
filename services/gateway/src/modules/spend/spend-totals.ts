import type { SpendDimension } from '@finops/contracts';
import { mapBounded } from '../../concurrency/map-bounded';
import type { SpendRepository } from './spend.repository';

export interface SpendScope {
  dimension: SpendDimension | 'org';
  /** null for the org dimension. */
  value: string | null;
  period: { start: Date; end: Date };
}

/** Spend queries run at once for one call; the rest wait (keeps pool connections for ingest). */
const MAX_PARALLEL_QUERIES = 4;

/**
 * Spend of many scopes (budget caps, forecasts) through the one spend query reports use, so the figures agree
 * exactly. Scopes sharing a period and a dimension share one query (grouped by the dimension when they name several
 * values), so 100 caps cost a handful of queries, not 100.
 */
export class SpendTotals {
  constructor(private readonly spend: SpendRepository) {}

  async spentFor(orgId: string, scopes: readonly SpendScope[]): Promise<string[]> {
    const groups = new Map<string, { dimension: SpendScope['dimension']; period: SpendScope['period']; members: number[] }>();
    scopes.forEach((scope, index) => {
      const key = `${scope.period.start.toISOString()}|${scope.period.end.toISOString()}|${scope.dimension}`;
      const group = groups.get(key) ?? { dimension: scope.dimension, period: scope.period, members: [] };
      group.members.push(index);
      groups.set(key, group);
    });

    const spent: string[] = new Array(scopes.length).fill('0');
    await mapBounded([...groups.values()], MAX_PARALLEL_QUERIES, async ({ dimension, period, members }) => {
      const range = { from: period.start, to: period.end };
      const values = [...new Set(members.map((index) => scopes[index]!.value))];
      if (dimension === 'org') {
        const total = await this.spend.total(orgId, range);
        for (const index of members) spent[index] = total;
        return;
      }
      if (values.length === 1) {
        const total = await this.spend.total(orgId, { ...range, filters: { [dimension]: values[0]! } });
        for (const index of members) spent[index] = total;
        return;
      }
      const rows = await this.spend.query(orgId, { ...range, groupBy: [dimension] });
      // Untagged spend is grouped as null and so never matches a cap's value.
      const byValue = new Map<string, string>();
      for (const row of rows) {
        const value = row.group[dimension];
        if (typeof value === 'string') byValue.set(value, row.spendUsd);
      }
      for (const index of members) spent[index] = byValue.get(scopes[index]!.value!) ?? '0';
    });
    return spent;
  }
}
