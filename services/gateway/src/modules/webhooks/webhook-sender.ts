import { webhookHeaders } from '@finops/contracts';
import type { ClaimedDelivery } from './webhook-deliveries.repository';
import { signWebhook } from './webhook-signature';

export interface SendResult {
  ok: boolean;
  responseStatus: number | null;
  /** Why the attempt failed, for the delivery row (never the secret or the body). */
  error?: string;
}

const USER_AGENT = 'ai-finops-webhooks/0.1';

/**
 * One HTTP attempt with Node's fetch: the whole exchange is bounded by `timeoutMs` (AbortSignal.timeout), redirects
 * are not followed (a subscriber's URL is where events go, not a pointer elsewhere), and the response body is not
 * read. Any 2xx is success.
 */
export class WebhookSender {
  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => Date,
  ) {}

  async send(delivery: ClaimedDelivery): Promise<SendResult> {
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': USER_AGENT,
          [webhookHeaders.eventId]: delivery.eventId,
          [webhookHeaders.eventType]: delivery.eventType,
          [webhookHeaders.timestamp]: timestamp,
          [webhookHeaders.signature]: signWebhook(delivery.secret, timestamp, delivery.payload),
          [webhookHeaders.attempt]: String(delivery.attempt),
        },
        body: delivery.payload,
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return ok ? { ok, responseStatus: response.status } : { ok, responseStatus: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError') return { ok: false, responseStatus: null, error: `no answer within ${this.timeoutMs} ms` };
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, responseStatus: null, error: cause?.code ?? cause?.message ?? (error as Error).message ?? 'request failed' };
    }
  }
}
