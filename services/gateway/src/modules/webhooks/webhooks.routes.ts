import { CreatedWebhookSchema, CreateWebhookSchema, IdParamsSchema, WebhookListSchema } from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { webhooksHandlers } from './webhooks.handlers';
import type { WebhooksService } from './webhooks.service';

export function webhooksRoutes(service: WebhooksService): Endpoint[] {
  const handlers = webhooksHandlers(service);
  const common = { tag: 'Webhooks' } as const;
  return [
    endpoint({
      ...common,
      access: 'manage',
      method: 'post',
      path: '/webhooks',
      summary: 'Subscribe a URL to budget alert events',
      description:
        'Each event is POSTed as JSON (see the `budgetAlert` webhook) with an HMAC-SHA256 signature over ' +
        '`timestamp.body`. Failed deliveries are retried with exponential backoff and jitter; every event is delivered ' +
        'at least once, so de-duplicate on the event id.',
      request: { body: CreateWebhookSchema },
      responses: { 201: { description: 'Created; the secret is shown only here', ...jsonContent(CreatedWebhookSchema) } },
      handler: handlers.create,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/webhooks',
      summary: 'List the org’s webhook subscriptions (never the secrets)',
      responses: { 200: { description: 'Subscriptions', ...jsonContent(WebhookListSchema) } },
      handler: handlers.list,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'delete',
      path: '/webhooks/{id}',
      summary: 'Delete a subscription (pending deliveries are dropped)',
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Deleted' }, 404: problemResponse('No such webhook in this org') },
      handler: handlers.remove,
    }),
  ];
}
