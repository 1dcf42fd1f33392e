import type { CostForecastQuery } from '@finops/contracts';
import { periodContaining } from '../../calendar/calendar-period';
import type { ForecastCap, ForecastScope } from './forecast-scope';

/** Budget caps as the forecast needs them; implemented by the budgets module. */
export interface ForecastCapsSource {
  /** Active monthly caps on exactly this scope (dimension `org` for the whole org). */
  monthlyCapsFor(orgId: string, dimension: ForecastScope['dimension'], value: string | null): Promise<ForecastCap[]>;
  /** The cap's own scope and current period, or undefined when the org has no such cap. */
  scopeOfCap(orgId: string, budgetId: string, at: Date): Promise<ForecastScope | undefined>;
}

/** Org-wide or one tag value, over the current UTC calendar month. */
export async function resolveQueryScope(orgId: string, query: CostForecastQuery, caps: ForecastCapsSource, at: Date): Promise<ForecastScope> {
  const { start, end } = periodContaining('monthly', 'UTC', at);
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

