import type { DbPool } from '../../db/pool';

/** A delivery claimed for one attempt, with what is needed to send it. */
export interface ClaimedDelivery {
  orgId: string;
  id: string;
  eventId: string;
  eventType: string;
  payload: string;
  /** This attempt's number (1-based). */
  attempt: number;
  url: string;
  secret: string;
}

export type AttemptOutcome =
  | { kind: 'delivered'; at: Date; responseStatus: number }
  | { kind: 'retry'; at: Date; nextAttemptAt: Date; responseStatus: number | null; error: string }
  | { kind: 'failed'; at: Date; responseStatus: number | null; error: string };

interface ClaimedRow {
  org_id: string;
  id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * The outbox as delivery workers see it: system work across orgs (outside row-level security), like the API key
 * lookup. Claims take a lease instead of holding a transaction open over an HTTP call.
 */
export class WebhookDeliveriesRepository {
  constructor(private readonly pool: DbPool) {}

  /** The outbox backlog over every org (owning role, like claimDue): deliveries waiting for their first or next attempt. */
  async pendingCount(): Promise<number> {
    const { rows } = await this.pool.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'pending'`);
    return rows[0]!.pending;
  }

  /**
   * Claims up to `limit` due deliveries: counts the attempt and pushes next_attempt_at to `leaseUntil`, in one
   * statement. FOR UPDATE SKIP LOCKED lets several gateway replicas claim at once without taking the same row; the
   * lease keeps a row from being claimed again while its attempt is in flight, and hands it to another worker if the
   * process dies mid-attempt (at-least-once).
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<ClaimedRow>(
      `WITH due AS (
         SELECT org_id, id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, next_attempt_at = $2, last_attempt_at = $1, updated_at = now()
       FROM due, webhook_subscriptions s
       WHERE d.org_id = due.org_id AND d.id = due.id AND s.org_id = d.org_id AND s.id = d.subscription_id
       RETURNING d.org_id, d.id, d.event_id, d.event_type, d.payload, d.attempts, s.url, s.secret`,
      [now, leaseUntil, limit],
    );
    return rows.map((row) => ({
      orgId: row.org_id,
      id: row.id,
      eventId: row.event_id,
      eventType: row.event_type,
      payload: row.payload,
      attempt: row.attempts,
      url: row.url,
      secret: row.secret,
    }));
  }

  /**
   * Records an attempt's outcome. Fenced on the attempt number: if this worker's lease ran out and another worker
   * claimed the row again, the late result changes nothing.
   */
  async recordOutcome(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    const status = outcome.kind === 'retry' ? 'pending' : outcome.kind;
    await this.pool.query(
      `UPDATE webhook_deliveries
       SET status = $4, next_attempt_at = coalesce($5, next_attempt_at), last_response_status = $6, last_error = $7,
         delivered_at = $8, updated_at = now()
       WHERE org_id = $1 AND id = $2 AND attempts = $3 AND status = 'pending'`,
      [
        delivery.orgId,
        delivery.id,
        delivery.attempt,
        status,
        outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
        outcome.responseStatus,
        outcome.kind === 'delivered' ? null : outcome.error,
        outcome.kind === 'delivered' ? outcome.at : null,
      ],
    );
  }
}
