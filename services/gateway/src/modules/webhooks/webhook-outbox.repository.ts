import type { DbClient } from '../../db/pool';

export interface OutboxEvent {
  orgId: string;
  eventId: string;
  eventType: string;
  /** The JSON body, sent byte for byte on every attempt. */
  payload: string;
  /** When the first attempt is due. */
  dueAt: Date;
}

/**
 * Queues one delivery per subscription of the org that wants this event type. Runs inside the caller's tenant
 * transaction (the one that records the event), so an event is never lost between "recorded" and "queued" and never
 * queued without being recorded. Returns how many deliveries were queued.
 */
export async function enqueueWebhookDeliveries(client: DbClient, event: OutboxEvent): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO webhook_deliveries (org_id, id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at)
     SELECT org_id, gen_random_uuid(), id, $2, $3, $4, 'pending', 0, $5
     FROM webhook_subscriptions WHERE org_id = $1 AND $3 = ANY(event_types)
     ON CONFLICT DO NOTHING`,
    [event.orgId, event.eventId, event.eventType, event.payload, event.dueAt],
  );
  return rowCount ?? 0;
}
