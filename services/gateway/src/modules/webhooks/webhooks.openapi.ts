import { AnomalyWebhookPayloadSchema, webhookHeaders, WebhookPayloadSchema, z } from '@finops/contracts';
import { jsonContent, type PathRegistrar } from '../openapi/openapi-registry';

const deliveryHeaders = z.object({
  [webhookHeaders.eventId]: z.uuid().openapi({ description: 'The event id, also `id` in the body: de-duplicate on it' }),
  [webhookHeaders.eventType]: z.string(),
  [webhookHeaders.timestamp]: z.string().openapi({ description: 'Unix seconds when this attempt was sent' }),
  [webhookHeaders.signature]: z.string().openapi({ description: '`v1=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`)' }),
  [webhookHeaders.attempt]: z.string().openapi({ description: '1 for the first attempt' }),
});
const delivery = {
  description: 'Verify the signature before trusting the body; answer 2xx within the timeout, or the delivery is retried.',
  tags: ['Webhooks'],
  responses: { 200: { description: 'Any 2xx acknowledges the delivery' } },
};

/** The requests the gateway sends to subscribers: documented in the API document, but not endpoints of it. */
export const registerWebhookCallbacks: PathRegistrar = (registry) => {
  registry.registerWebhook({
    ...delivery,
    method: 'post',
    path: 'budgetAlert',
    summary: 'A budget’s alert state changed',
    request: { headers: deliveryHeaders, body: jsonContent(WebhookPayloadSchema) },
  });
  registry.registerWebhook({
    ...delivery,
    method: 'post',
    path: 'spendAnomaly',
    summary: 'A spend anomaly was detected (`anomaly.detected`) or ended (`anomaly.resolved`)',
    request: { headers: deliveryHeaders, body: jsonContent(AnomalyWebhookPayloadSchema) },
  });
};
