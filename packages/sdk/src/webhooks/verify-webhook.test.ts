import { createHmac } from 'node:crypto';
import { verifyWebhookSignature } from './verify-webhook';

const secret = 'whsec_test-secret-0123456789abcdef';
const body = '{"id":"9b3c","type":"budget.exceeded"}';
// Signed here by hand, the way the gateway documents it (v1 = hex HMAC-SHA256 of "timestamp.body").
const signed = (key: string, timestamp: string, payload: string) => `v1=${createHmac('sha256', key).update(`${timestamp}.${payload}`).digest('hex')}`;

describe('verifyWebhookSignature', () => {
  test('when the receiver recomputes it within the tolerance, then it verifies', () => {
    expect(verifyWebhookSignature(secret, { timestamp: '1767225600', signature: signed(secret, '1767225600', body) }, body, 1767225600 + 299)).toBe(true);
  });

  test.each([
    ['the body was changed', { timestamp: '1767225600' }, `${body} `, 1767225600],
    ['the timestamp was changed', { timestamp: '1767225601' }, body, 1767225600],
    ['the delivery is older than five minutes', { timestamp: '1767225600' }, body, 1767225600 + 301],
    ['the timestamp is not a number', { timestamp: 'yesterday' }, body, 1767225600],
  ])('when %s, then it does not verify', (_case, headers, receivedBody, now) => {
    expect(verifyWebhookSignature(secret, { ...headers, signature: signed(secret, '1767225600', body) }, receivedBody, now)).toBe(false);
  });

  test('when the header lists an old and a new signature, then either secret verifies', () => {
    const signature = `${signed('whsec_old-secret-0123456789abcdef', '1767225600', body)},${signed(secret, '1767225600', body)}`;

    expect(verifyWebhookSignature(secret, { timestamp: '1767225600', signature }, body, 1767225600)).toBe(true);
    expect(verifyWebhookSignature('whsec_other', { timestamp: '1767225600', signature }, body, 1767225600)).toBe(false);
  });
});
