import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a delivery the gateway signed, as a receiver must before trusting it: recompute `v1=` + hex HMAC-SHA256 of
 * `${X-FinOps-Timestamp}.${raw body}` with the subscription's secret, compare in constant time, and refuse a
 * timestamp further than `toleranceSeconds` from the receiver's clock (a replayed old delivery). The signature header
 * may list several values, comma-separated, while a secret is being rotated.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string; signature: string },
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${headers.timestamp}.${rawBody}`).digest('hex')}`);
  return headers.signature
    .split(',')
    .map((candidate) => Buffer.from(candidate.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}
