import { BudgetAlertEventSchema, budgetAlertStates } from './budgets';
import { SpendAnomalySchema } from './spend-anomalies';
import { z } from './zod';

/** One webhook event type per alert state a budget can enter. */
export const budgetWebhookEventTypes = budgetAlertStates.map((state) => `budget.${state}` as const);
export const anomalyWebhookEventTypes = ['anomaly.detected', 'anomaly.resolved'] as const;
export const webhookEventTypes = [...budgetWebhookEventTypes, ...anomalyWebhookEventTypes];
export type WebhookEventType = (typeof webhookEventTypes)[number];

const WEBHOOK_SECRET_MIN_LENGTH = 24;

export const CreateWebhookSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .max(2048)
      .openapi({ example: 'https://alerts.example.com/finops' }),
    secret: z
      .string()
      .min(WEBHOOK_SECRET_MIN_LENGTH, `must be at least ${WEBHOOK_SECRET_MIN_LENGTH} characters`)
      .max(256)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional()
      .openapi({ description: 'The HMAC key; omit it to have one generated (shown once, in the answer)' }),
    eventTypes: z
      .array(z.enum(webhookEventTypes))
      .min(1)
      .refine((types) => new Set(types).size === types.length, 'must not repeat an event type')
      .optional()
      .openapi({ description: 'Default: every type', example: ['budget.warning', 'budget.exceeded'] }),
    description: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('CreateWebhook');
export type CreateWebhook = z.infer<typeof CreateWebhookSchema>;

export const WebhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.enum(webhookEventTypes)),
    description: z.string().nullable(),
    secretPrefix: z.string().openapi({ description: 'First characters of the secret, to recognise it', example: 'whsec_3q9Z' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Webhook');
export type Webhook = z.infer<typeof WebhookSchema>;

export const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: 'The signing secret. Shown only in this response; store it now.' }),
}).openapi('CreatedWebhook');
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>;

export const WebhookListSchema = z.object({ webhooks: z.array(WebhookSchema) }).openapi('WebhookList');
export type WebhookList = z.infer<typeof WebhookListSchema>;

/** The JSON body POSTed to a subscriber; byte-for-byte the same on every attempt of one event. */
export const WebhookPayloadSchema = z
  .object({
    id: z.uuid().openapi({ description: 'The event id (also in the X-FinOps-Event-Id header): de-duplicate on it' }),
    type: z.enum(budgetWebhookEventTypes),
    createdAt: z.iso.datetime(),
    orgId: z.uuid(),
    data: BudgetAlertEventSchema,
  })
  .openapi('WebhookPayload');
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** The body of `anomaly.*` deliveries: the anomaly as GET /cost/anomalies/{id} showed it when the event happened. */
export const AnomalyWebhookPayloadSchema = WebhookPayloadSchema.extend({
  type: z.enum(anomalyWebhookEventTypes),
  data: SpendAnomalySchema,
}).openapi('AnomalyWebhookPayload');
export type AnomalyWebhookPayload = z.infer<typeof AnomalyWebhookPayloadSchema>;

/** Headers of every delivery; the signature covers `${timestamp}.${body}`. */
export const webhookHeaders = {
  eventId: 'X-FinOps-Event-Id',
  eventType: 'X-FinOps-Event-Type',
  timestamp: 'X-FinOps-Timestamp',
  signature: 'X-FinOps-Signature',
  attempt: 'X-FinOps-Delivery-Attempt',
} as const;
