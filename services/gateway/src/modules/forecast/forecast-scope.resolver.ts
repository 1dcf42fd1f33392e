import type { CostForecastQuery } from '@finops/contracts';
import type { ForecastCap, ForecastScope } from './forecast-scope';

/** Budget caps as the forecast needs them; implemented by the budgets module. */
export interface ForecastCapsSource {
  /** Active monthly caps on exactly this scope (dimension `org` for the whole org). */
  monthlyCapsFor(orgId: string, dimension: ForecastScope['dimension'], value: string | null): Promise<ForecastCap[]>;
  /** The cap's own scope and current period, or undefined when the org has no such cap. */
  scopeOfCap(orgId: string, budgetId: string, at: Date): Promise<ForecastScope | undefined>;
}

export function currentUtcMonth(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end };
}

/** Org-wide or one tag value, over the current UTC calendar month. */
export async function resolveQueryScope(orgId: string, query: CostForecastQuery, caps: ForecastCapsSource, at: Date): Promise<ForecastScope> {
  const { start, end } = currentUtcMonth(at);
  const dimension = query.dimension ?? 'org';
  const value = query.value ?? null;
  return {
    dimension,
    value,
    budgetId: null,
    filters: dimension === 'org' || value === null ? {} : { [dimension]: value },
    periodStart: start,
    periodEnd: end,
    caps: await caps.monthlyCapsFor(orgId, dimension, value),
  };
}

