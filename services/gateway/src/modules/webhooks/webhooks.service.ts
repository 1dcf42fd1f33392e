import { randomUUID } from 'node:crypto';
import { webhookEventTypes, type CreateWebhook } from '@finops/contracts';
import { NotFoundError } from '../../errors';
import type { WebhookSubscription } from './webhook';
import { generateWebhookSecret } from './webhook-secret';
import type { WebhooksRepository } from './webhooks.repository';

export class WebhooksService {
  constructor(private readonly repository: WebhooksRepository) {}

  /** The secret is returned here only: generated unless the caller supplied one. */
  async create(orgId: string, input: CreateWebhook): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const secret = input.secret ?? generateWebhookSecret();
    const subscription = await this.repository.create(orgId, {
      id: randomUUID(),
      url: input.url,
      secret,
      eventTypes: input.eventTypes ?? [...webhookEventTypes],
      description: input.description ?? null,
    });
    return { subscription, secret };
  }

  list(orgId: string): Promise<WebhookSubscription[]> {
    return this.repository.list(orgId);
  }

  async delete(orgId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(orgId, id))) throw new NotFoundError(`Webhook ${id}`);
  }
}
