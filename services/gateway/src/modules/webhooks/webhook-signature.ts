import { createHmac } from 'node:crypto';

const SCHEME = 'v1';

/**
 * The signature header value: `v1=` + hex HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), over
 * `${timestamp}.${body}` where timestamp is the X-FinOps-Timestamp header (Unix seconds) and body the raw bytes.
 * Signing the timestamp with the body lets a receiver refuse replays of an old delivery (`verifyWebhookSignature` in
 * @finops/sdk is the receiver's side).
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `${SCHEME}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
