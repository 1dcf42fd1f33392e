import type { SpendDimension } from '@finops/contracts';

export interface ForecastCap {
  id: string;
  name: string | null;
  limitUsd: string;
}

/** What to forecast: a spend filter over a period, and the caps whose breach probability is wanted. */
export interface ForecastScope {
  dimension: SpendDimension | 'org';
  value: string | null;
  budgetId: string | null;
  filters: Partial<Record<SpendDimension, string>>;
  periodStart: Date;
  /** Exclusive. */
  periodEnd: Date;
  caps: ForecastCap[];
}
