import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test-secret-0123456789abcdef';
const body = '{"id":"9b3c","type":"budget.exceeded"}';

describe('webhook signatures', () => {
  test('when a body is signed, then the value is hex HMAC-SHA256 over "timestamp.body" with the v1 scheme', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');

    expect(signWebhook(secret, '1767225600', body)).toBe(`v1=${expected}`);
  });

  test('when the receiver recomputes it within the tolerance, then it verifies', () => {
    const signature = signWebhook(secret, '1767225600', body);

    expect(verifyWebhookSignature(secret, { timestamp: '1767225600', signature }, body, 1767225600 + 299)).toBe(true);
  });

  test.each([
    ['the body was changed', { timestamp: '1767225600' }, `${body} `, 1767225600],
    ['the timestamp was changed', { timestamp: '1767225601' }, body, 1767225600],
    ['the delivery is older than five minutes', { timestamp: '1767225600' }, body, 1767225600 + 301],
  ])('when %s, then it does not verify', (_case, headers, receivedBody, now) => {
    const signature = signWebhook(secret, '1767225600', body);

    expect(verifyWebhookSignature(secret, { ...headers, signature }, receivedBody, now)).toBe(false);
  });

  test('when the header lists an old and a new signature, then either secret verifies', () => {
    const signature = `${signWebhook('whsec_old-secret-0123456789abcdef', '1767225600', body)},${signWebhook(secret, '1767225600', body)}`;

    expect(verifyWebhookSignature(secret, { timestamp: '1767225600', signature }, body, 1767225600)).toBe(true);
  });
});
