import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook-signature';

const secret = 'whsec_test-secret-0123456789abcdef';
const body = '{"id":"9b3c","type":"budget.exceeded"}';

describe('webhook signatures', () => {
  test('when a body is signed, then the value is hex HMAC-SHA256 over "timestamp.body" with the v1 scheme', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');

    expect(signWebhook(secret, '1767225600', body)).toBe(`v1=${expected}`);
  });
});
