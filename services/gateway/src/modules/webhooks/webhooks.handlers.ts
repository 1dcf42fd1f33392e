import type { CreateWebhookSchema, IdParamsSchema, WebhookList } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import { toApiCreatedWebhook, toApiWebhook } from './webhook';
import type { WebhooksService } from './webhooks.service';

export function webhooksHandlers(service: WebhooksService) {
  const create: ValidatedHandler<{ body: typeof CreateWebhookSchema }> = async (req, res) => {
    const { subscription, secret } = await service.create(principalOf(req).orgId, req.body);
    res.status(201).location(`/api/v1/webhooks/${subscription.id}`).json(toApiCreatedWebhook(subscription, secret));
  };
  const list: ValidatedHandler<object> = async (req, res) => {
    const subscriptions = await service.list(principalOf(req).orgId);
    res.json({ webhooks: subscriptions.map(toApiWebhook) } satisfies WebhookList);
  };
  const remove: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    await service.delete(principalOf(req).orgId, req.params.id);
    res.status(204).end();
  };
  return { create, list, remove };
}
