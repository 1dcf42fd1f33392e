import { randomUUID } from 'node:crypto';
import { webhookEventTypes, type CreateWebhook } from '@finops/contracts';
import { InvalidFieldError, NotFoundError } from '../../errors';
import type { WebhookSubscription } from './webhook';
import { generateWebhookSecret } from './webhook-secret';
import { WebhookTargetRefused, type WebhookTargets } from './webhook-target';
import type { WebhooksRepository } from './webhooks.repository';

export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly targets: WebhookTargets,
  ) {}

  /**
   * The secret is returned here only: generated unless the caller supplied one. A URL the gateway may not call (see
   * WebhookTargets) is refused here, and checked again before every delivery.
   */
  async create(orgId: string, input: CreateWebhook): Promise<{ subscription: WebhookSubscription; secret: string }> {
    try {
      await this.targets.checkForRegistration(input.url);
    } catch (error) {
      if (error instanceof WebhookTargetRefused) throw new InvalidFieldError('url', error.reason);
      throw error;
    }
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
