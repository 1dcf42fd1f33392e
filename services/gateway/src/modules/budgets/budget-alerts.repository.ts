import type { BudgetAlertState, BudgetDimension, BudgetPeriodType } from '@finops/contracts';
import type { DbClient, DbPool } from '../../db/pool';
import { inTenantTransaction } from '../../db/tenant';
import { enqueueWebhookDeliveries } from '../webhooks/webhook-outbox.repository';
import type { BudgetAlertEvent, BudgetCapWithState, StoredAlertState } from './budget';

interface CapWithStateRow {
  org_id: string;
  id: string;
  name: string | null;
  dimension: BudgetDimension;
  dimension_value: string;
  limit_usd: string;
  period_type: BudgetPeriodType;
  timezone: string;
  warn_at: string[] | null;
  created_at: Date;
  updated_at: Date;
  period_start: Date;
  period_end: Date;
  alert_state: BudgetAlertState;
  warn_threshold: string | null;
  spent_usd: string;
  state_since: Date;
}

// trim_scale: numeric(30,12) reads back as "500.000000000000"; the API speaks canonical decimals ("500").
const CAP_WITH_STATE_COLUMNS = `
  c.org_id, c.id, c.name, c.dimension, c.dimension_value, trim_scale(c.limit_usd)::text AS limit_usd, c.period_type, c.timezone,
  (SELECT array_agg(trim_scale(t)::text ORDER BY t) FROM unnest(c.warn_at) AS t) AS warn_at, c.created_at, c.updated_at,
  s.period_start, s.period_end, s.alert_state, trim_scale(s.warn_threshold)::text AS warn_threshold,
  trim_scale(s.spent_usd)::text AS spent_usd, s.state_since
FROM budget_caps c JOIN budget_alert_states s ON s.org_id = c.org_id AND s.budget_id = c.id`;

function fromDbCapWithState(row: CapWithStateRow): BudgetCapWithState {
  return {
    cap: {
      orgId: row.org_id,
      id: row.id,
      name: row.name,
      dimension: row.dimension,
      value: row.dimension === 'org' ? null : row.dimension_value,
      limitUsd: row.limit_usd,
      periodType: row.period_type,
      timezone: row.timezone,
      warnAt: row.warn_at ?? [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    state: {
      period: { start: row.period_start, end: row.period_end },
      level: { state: row.alert_state, threshold: row.warn_threshold },
      spentUsd: row.spent_usd,
      since: row.state_since,
    },
  };
}

/** A state change to write, and its event (with the webhook body) when the level changed. */
export interface StateWrite {
  state: StoredAlertState;
  event?: { record: BudgetAlertEvent; webhookPayload: string };
}

export interface StateWriteOutcome {
  state: StoredAlertState;
  event?: BudgetAlertEvent;
  /** Webhook deliveries were queued in the same transaction. */
  deliveriesQueued: boolean;
}

/** Alert state reads and transitions (plain SQL: it runs after every ingest burst and on every status call). */
export class BudgetAlertsRepository {
  constructor(private readonly pool: DbPool) {}

  async capsWithState(orgId: string, capIds?: readonly string[]): Promise<BudgetCapWithState[]> {
    const byId = capIds ? ' AND c.id = ANY($2::uuid[])' : '';
    const { rows } = await inTenantTransaction(this.pool, orgId, (client) =>
      client.query<CapWithStateRow>(
        `SELECT ${CAP_WITH_STATE_COLUMNS} WHERE c.org_id = $1${byId} ORDER BY c.created_at, c.id`,
        capIds ? [orgId, capIds] : [orgId],
      ),
    );
    return rows.map(fromDbCapWithState);
  }

  /**
   * Locks the cap's state row, lets `decide` compute the change from what is stored now, and writes the new state,
   * the event and its webhook deliveries in one transaction. Concurrent callers for one cap run one after another,
   * so a crossing seen by several of them is recorded once. Undefined when the cap no longer exists.
   */
  changeState(orgId: string, capId: string, decide: (locked: BudgetCapWithState) => StateWrite | undefined): Promise<StateWriteOutcome | undefined> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      const { rows } = await client.query<CapWithStateRow>(
        `SELECT ${CAP_WITH_STATE_COLUMNS} WHERE s.org_id = $1 AND s.budget_id = $2 FOR UPDATE OF s`,
        [orgId, capId],
      );
      if (rows.length === 0) return undefined;
      const locked = fromDbCapWithState(rows[0]!);
      const write = decide(locked);
      if (!write) return { state: locked.state, deliveriesQueued: false };
      await updateState(client, orgId, capId, write.state);
      if (!write.event) return { state: write.state, deliveriesQueued: false };
      await insertEvent(client, write.event.record);
      const queued = await enqueueWebhookDeliveries(client, {
        orgId,
        eventId: write.event.record.id,
        eventType: `budget.${write.event.record.to.state}`,
        payload: write.event.webhookPayload,
        dueAt: write.event.record.occurredAt,
      });
      return { state: write.state, event: write.event.record, deliveriesQueued: queued > 0 };
    });
  }

  /** Orgs with a cap whose stored period has ended (system work across orgs, outside row-level security). */
  async orgsWithEndedPeriods(now: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ org_id: string }>(
      'SELECT DISTINCT org_id FROM budget_alert_states WHERE period_end <= $1 LIMIT $2',
      [now, limit],
    );
    return rows.map((row) => row.org_id);
  }
}

async function updateState(client: DbClient, orgId: string, capId: string, state: StoredAlertState): Promise<void> {
  await client.query(
    `UPDATE budget_alert_states SET period_start = $3, period_end = $4, alert_state = $5, warn_threshold = $6, spent_usd = $7,
       state_since = $8, evaluated_at = now(), updated_at = now()
     WHERE org_id = $1 AND budget_id = $2`,
    [orgId, capId, state.period.start, state.period.end, state.level.state, state.level.threshold, state.spentUsd, state.since],
  );
}

async function insertEvent(client: DbClient, event: BudgetAlertEvent): Promise<void> {
  await client.query(
    `INSERT INTO budget_alert_events (org_id, id, budget_id, budget_name, dimension, dimension_value, period_type, timezone,
       period_start, period_end, from_state, to_state, from_threshold, to_threshold, reason, spent_usd, limit_usd, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      event.orgId, event.id, event.budgetId, event.budgetName, event.dimension, event.value ?? '', event.periodType, event.timezone,
      event.period.start, event.period.end, event.from.state, event.to.state, event.from.threshold, event.to.threshold, event.reason,
      event.spentUsd, event.limitUsd, event.occurredAt,
    ],
  );
}
