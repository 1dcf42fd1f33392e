import type { CreatedWebhook, Webhook as WebhookBody, WebhookEventType } from '@finops/contracts';

/** A webhook subscription as services see it (the secret only right after creation). */
export interface WebhookSubscription {
  orgId: string;
  id: string;
  url: string;
  eventTypes: WebhookEventType[];
  description: string | null;
  secretPrefix: string;
  createdAt: Date;
}

export function toApiWebhook(subscription: WebhookSubscription): WebhookBody {
  return {
    id: subscription.id,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    description: subscription.description,
    secretPrefix: subscription.secretPrefix,
    createdAt: subscription.createdAt.toISOString(),
  };
}

export function toApiCreatedWebhook(subscription: WebhookSubscription, secret: string): CreatedWebhook {
  return { ...toApiWebhook(subscription), secret };
}
