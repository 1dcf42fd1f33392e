import type { AnomalyDriver, AnomalyScopeDimension, AnomalyStatus, AnomalyVerdict, SpendAnomaliesQuery } from '@finops/contracts';
import type { DbClient, DbPool } from '../../db/pool';
import { inTenantTransaction } from '../../db/tenant';
import type { SpendQuery, SpendRow } from '../spend/spend-query';
import { querySpendWith } from '../spend/spend.repository';
import { enqueueWebhookDeliveries, type OutboxEvent } from '../webhooks/webhook-outbox.repository';
import type { StoredAnomaly } from './anomaly';

interface AnomalyRow {
  org_id: string;
  id: string;
  dimension: AnomalyScopeDimension;
  dimension_value: string;
  start_at: Date;
  end_at: Date;
  expected_usd: string;
  actual_usd: string;
  impact_usd: string;
  score: number;
  direction: 'up' | 'down';
  status: AnomalyStatus;
  feedback: AnomalyVerdict | null;
  drivers: AnomalyDriver[];
  detected_at: Date;
  resolved_at: Date | null;
  updated_at: Date;
}

// trim_scale: numeric(38,12) reads back as "12.500000000000"; the API speaks canonical decimals.
const COLUMNS = `org_id, id, dimension, dimension_value, start_at, end_at, trim_scale(expected_usd)::text AS expected_usd,
  trim_scale(actual_usd)::text AS actual_usd, trim_scale(impact_usd)::text AS impact_usd, score, direction, status, feedback, drivers,
  detected_at, resolved_at, updated_at`;

/** Serialises detection runs of one org (the hourly job on any replica, and on-demand runs); "anom". */
const DETECTION_LOCK_CLASS = 0x616e_6f6d;

function fromDbAnomaly(row: AnomalyRow): StoredAnomaly {
  return {
    orgId: row.org_id,
    id: row.id,
    scope: { dimension: row.dimension, value: row.dimension === 'org' ? null : row.dimension_value },
    start: row.start_at,
    end: row.end_at,
    expectedUsd: row.expected_usd,
    actualUsd: row.actual_usd,
    impactUsd: row.impact_usd,
    score: row.score,
    direction: row.direction,
    status: row.status,
    feedback: row.feedback,
    drivers: row.drivers,
    detectedAt: row.detected_at,
    resolvedAt: row.resolved_at,
    updatedAt: row.updated_at,
  };
}

/** What a detection run does inside its transaction, holding the org's detection lock. */
export class AnomalyTransaction {
  constructor(
    private readonly client: DbClient,
    private readonly orgId: string,
  ) {}

  spend(query: SpendQuery): Promise<SpendRow[]> {
    return querySpendWith(this.client, this.orgId, query);
  }

  /** Anomalies ending at or after `since`, open or resolved. */
  async endingSince(since: Date): Promise<StoredAnomaly[]> {
    const { rows } = await this.client.query<AnomalyRow>(
      `SELECT ${COLUMNS} FROM spend_anomalies WHERE org_id = $1 AND end_at >= $2 ORDER BY start_at, id`,
      [this.orgId, since],
    );
    return rows.map(fromDbAnomaly);
  }

  async insert(anomaly: StoredAnomaly): Promise<void> {
    await this.client.query(
      `INSERT INTO spend_anomalies (org_id, id, dimension, dimension_value, start_at, end_at, expected_usd, actual_usd, impact_usd, score,
         direction, status, feedback, drivers, detected_at, resolved_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
      [
        anomaly.orgId, anomaly.id, anomaly.scope.dimension, anomaly.scope.value ?? '', anomaly.start, anomaly.end, anomaly.expectedUsd,
        anomaly.actualUsd, anomaly.impactUsd, anomaly.score, anomaly.direction, anomaly.status, anomaly.feedback,
        JSON.stringify(anomaly.drivers), anomaly.detectedAt, anomaly.resolvedAt, anomaly.updatedAt,
      ],
    );
  }

  /** Writes what detection decides (extent, amounts, status, drivers); feedback is the API's and is left alone. */
  async update(anomaly: StoredAnomaly): Promise<void> {
    await this.client.query(
      `UPDATE spend_anomalies SET start_at = $3, end_at = $4, expected_usd = $5, actual_usd = $6, impact_usd = $7, score = $8, status = $9,
         drivers = $10, resolved_at = $11, updated_at = $12
       WHERE org_id = $1 AND id = $2`,
      [
        anomaly.orgId, anomaly.id, anomaly.start, anomaly.end, anomaly.expectedUsd, anomaly.actualUsd, anomaly.impactUsd, anomaly.score,
        anomaly.status, JSON.stringify(anomaly.drivers), anomaly.resolvedAt, anomaly.updatedAt,
      ],
    );
  }

  /** Queues the event for the org's subscribers in this transaction; how many deliveries were queued. */
  enqueue(event: Omit<OutboxEvent, 'orgId'>): Promise<number> {
    return enqueueWebhookDeliveries(this.client, { ...event, orgId: this.orgId });
  }
}

export class AnomaliesRepository {
  constructor(private readonly pool: DbPool) {}

  inDetection<T>(orgId: string, work: (tx: AnomalyTransaction) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DETECTION_LOCK_CLASS, orgId]);
      return work(new AnomalyTransaction(client, orgId));
    });
  }

  /** Newest first; an anomaly is in [from, to) when any of its hours is. */
  list(orgId: string, query: SpendAnomaliesQuery): Promise<StoredAnomaly[]> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      const { rows } = await client.query<AnomalyRow>(
        `SELECT ${COLUMNS} FROM spend_anomalies
         WHERE org_id = $1 AND ($2::timestamptz IS NULL OR end_at > $2) AND ($3::timestamptz IS NULL OR start_at < $3)
           AND ($4::anomaly_status IS NULL OR status = $4)
         ORDER BY start_at DESC, id DESC LIMIT $5`,
        [orgId, query.from ?? null, query.to ?? null, query.status ?? null, query.limit],
      );
      return rows.map(fromDbAnomaly);
    });
  }

  get(orgId: string, id: string): Promise<StoredAnomaly | undefined> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      const { rows } = await client.query<AnomalyRow>(`SELECT ${COLUMNS} FROM spend_anomalies WHERE org_id = $1 AND id = $2`, [orgId, id]);
      return rows[0] && fromDbAnomaly(rows[0]);
    });
  }

  setFeedback(orgId: string, id: string, verdict: AnomalyVerdict, now: Date): Promise<StoredAnomaly | undefined> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      const { rows } = await client.query<AnomalyRow>(
        `UPDATE spend_anomalies SET feedback = $3, updated_at = $4 WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [orgId, id, verdict, now],
      );
      return rows[0] && fromDbAnomaly(rows[0]);
    });
  }

  /** Claims the org's scheduled run for `hour`; false when another replica (or an earlier tick) already has. */
  claimRun(orgId: string, hour: Date): Promise<boolean> {
    return inTenantTransaction(this.pool, orgId, async (client) => {
      const { rowCount } = await client.query(
        'INSERT INTO anomaly_detection_runs (org_id, hour, created_at, updated_at) VALUES ($1, $2, now(), now()) ON CONFLICT DO NOTHING',
        [orgId, hour],
      );
      // A claim only matters during its hour; older ones go, so the table holds about a day per org.
      await client.query(`DELETE FROM anomaly_detection_runs WHERE org_id = $1 AND hour < $2::timestamptz - interval '1 day'`, [orgId, hour]);
      return rowCount === 1;
    });
  }

  /** Orgs with spend in the hourly rollup since `since`, across orgs (as the owning role, like the rollover sweep). */
  async orgsWithSpendSince(since: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ org_id: string }>('SELECT DISTINCT org_id FROM cost_rollups_hourly WHERE hour >= $1 LIMIT $2', [since, limit]);
    return rows.map((row) => row.org_id);
  }
}
