import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { webhookHeaders } from '@finops/contracts';
import type { ClaimedDelivery } from './webhook-deliveries.repository';
import { signWebhook } from './webhook-signature';
import { pinnedLookup, WebhookTargetRefused, type CheckedTarget, type WebhookTargets } from './webhook-target';

export interface SendResult {
  ok: boolean;
  responseStatus: number | null;
  /** Why the attempt failed, for the delivery row (never the secret or the body). */
  error?: string;
}

const USER_AGENT = 'ai-finops-webhooks/0.1';

/**
 * One HTTP attempt. The target is checked again first (the name resolved, every address public) and the socket
 * connects to the address that was checked; the whole exchange is bounded by `timeoutMs`; redirects are not
 * followed (a subscriber's URL is where events go, not a pointer elsewhere); the response body is never read, only
 * its status (the headers are bounded by Node's header size limit). Any 2xx is success.
 */
export class WebhookSender {
  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => Date,
    private readonly targets: WebhookTargets,
  ) {}

  async send(delivery: ClaimedDelivery): Promise<SendResult> {
    let target: CheckedTarget;
    try {
      target = await this.targets.resolveAndCheck(delivery.url);
    } catch (error) {
      if (error instanceof WebhookTargetRefused) return { ok: false, responseStatus: null, error: `target refused: ${error.reason}` };
      throw error;
    }
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(delivery.payload)),
      'User-Agent': USER_AGENT,
      [webhookHeaders.eventId]: delivery.eventId,
      [webhookHeaders.eventType]: delivery.eventType,
      [webhookHeaders.timestamp]: timestamp,
      [webhookHeaders.signature]: signWebhook(delivery.secret, timestamp, delivery.payload),
      [webhookHeaders.attempt]: String(delivery.attempt),
    };
    try {
      const status = await this.post(target, headers, delivery.payload);
      const ok = status >= 200 && status < 300;
      if (ok) return { ok, responseStatus: status };
      const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
      return { ok, responseStatus: status, error: `HTTP ${status}${redirect}` };
    } catch (error) {
      return { ok: false, responseStatus: null, error: (error as { code?: string }).code ?? (error as Error).message ?? 'request failed' };
    }
  }

  private post(target: CheckedTarget, headers: Record<string, string>, body: string): Promise<number> {
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const req = request(target.url, {
        method: 'POST',
        headers,
        agent: false,
        ...(target.address ? { lookup: pinnedLookup(target.address) } : {}),
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on('response', (response: IncomingMessage) => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
        response.destroy();
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }
}
