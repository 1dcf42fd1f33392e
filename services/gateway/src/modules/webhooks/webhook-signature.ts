import { createHmac, timingSafeEqual } from 'node:crypto';

const SCHEME = 'v1';

/**
 * The signature header value: `v1=` + hex HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), over
 * `${timestamp}.${body}` where timestamp is the X-FinOps-Timestamp header (Unix seconds) and body the raw bytes.
 * Signing the timestamp with the body lets a receiver refuse replays of an old delivery.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `${SCHEME}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (the README shows the same in a few lines): recompute, compare in constant time, and refuse a
 * timestamp further than `toleranceSeconds` from its own clock. The header may list several `v1=` values
 * (comma-separated) so a secret can be rotated without a gap.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, headers.timestamp, body));
  return headers.signature
    .split(',')
    .map((candidate) => Buffer.from(candidate.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}
