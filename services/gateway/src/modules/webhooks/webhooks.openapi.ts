import { CreatedWebhookSchema, CreateWebhookSchema, IdParamsSchema, webhookHeaders, WebhookListSchema, WebhookPayloadSchema, z } from '@finops/contracts';
import { commonProblemResponses, problemResponse, type PathRegistrar } from '../openapi/openapi-registry';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const registerWebhookPaths: PathRegistrar = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/webhooks',
    summary: 'Subscribe a URL to budget alert events',
    description:
      'Each event is POSTed as JSON (see the `budgetAlert` webhook) with an HMAC-SHA256 signature over ' +
      '`timestamp.body`. Failed deliveries are retried with exponential backoff and jitter; every event is delivered ' +
      'at least once, so de-duplicate on the event id.',
    tags: ['Webhooks'],
    request: { body: json(CreateWebhookSchema) },
    responses: { 201: { description: 'Created; the secret is shown only here', ...json(CreatedWebhookSchema) }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/webhooks',
    summary: 'List the org’s webhook subscriptions (never the secrets)',
    tags: ['Webhooks'],
    responses: { 200: { description: 'Subscriptions', ...json(WebhookListSchema) }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    summary: 'Delete a subscription (pending deliveries are dropped)',
    tags: ['Webhooks'],
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Deleted' }, 404: problemResponse('No such webhook in this org'), ...commonProblemResponses },
  });
  registry.registerWebhook({
    method: 'post',
    path: 'budgetAlert',
    summary: 'A budget’s alert state changed',
    description: 'Verify the signature before trusting the body; answer 2xx within the timeout, or the delivery is retried.',
    tags: ['Webhooks'],
    request: {
      headers: z.object({
        [webhookHeaders.eventId]: z.uuid().openapi({ description: 'The event id, also `id` in the body: de-duplicate on it' }),
        [webhookHeaders.eventType]: z.string(),
        [webhookHeaders.timestamp]: z.string().openapi({ description: 'Unix seconds when this attempt was sent' }),
        [webhookHeaders.signature]: z.string().openapi({ description: '`v1=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`)' }),
        [webhookHeaders.attempt]: z.string().openapi({ description: '1 for the first attempt' }),
      }),
      body: json(WebhookPayloadSchema),
    },
    responses: { 200: { description: 'Any 2xx acknowledges the delivery' } },
  });
};
