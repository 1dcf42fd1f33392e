import type { BudgetAlertState, BudgetDimension, BudgetPeriodType } from '@finops/contracts';
import type { DbPool } from '../../db/pool';

/** One cap as a scrape needs it, with the alert state its last transition stored. */
export interface CapForGauges {
  orgId: string;
  budgetId: string;
  dimension: BudgetDimension;
  /** null for the org dimension. */
  value: string | null;
  periodType: BudgetPeriodType;
  timezone: string;
  limitUsd: string;
  alertState: BudgetAlertState;
}

interface CapForGaugesRow {
  org_id: string;
  id: string;
  dimension: BudgetDimension;
  dimension_value: string;
  period_type: BudgetPeriodType;
  timezone: string;
  limit_usd: string;
  alert_state: BudgetAlertState;
}

/**
 * Every org's caps at once, for a scrape: two tables holding one row per cap (caps are few). Runs as the owning
 * role, outside row-level security, like the rollover sweep: metrics are the operator's view, not a tenant's.
 */
export class BudgetGaugesRepository {
  constructor(private readonly pool: DbPool) {}

  async caps(): Promise<CapForGauges[]> {
    const { rows } = await this.pool.query<CapForGaugesRow>(
      `SELECT c.org_id, c.id, c.dimension, c.dimension_value, c.period_type, c.timezone, trim_scale(c.limit_usd)::text AS limit_usd,
              coalesce(s.alert_state, 'ok') AS alert_state
         FROM budget_caps c LEFT JOIN budget_alert_states s ON s.org_id = c.org_id AND s.budget_id = c.id`,
    );
    return rows.map((row) => ({
      orgId: row.org_id,
      budgetId: row.id,
      dimension: row.dimension,
      value: row.dimension === 'org' ? null : row.dimension_value,
      periodType: row.period_type,
      timezone: row.timezone,
      limitUsd: row.limit_usd,
      alertState: row.alert_state,
    }));
  }
}
