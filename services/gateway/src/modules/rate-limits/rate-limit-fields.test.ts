import { rateLimitField, rateLimitPolicyField, secondsUntil } from './rate-limit-fields';

describe('rate limit header fields (draft-ietf-httpapi-ratelimit-headers-11)', () => {
  test('when a policy is described, then it is a String Item with q and w parameters', () => {
    expect(rateLimitPolicyField('ingest', 6000, 60)).toBe('"ingest";q=6000;w=60');
  });

  test('when the current limit is described, then r is what is left and t the seconds until the window ends', () => {
    expect(rateLimitField('read', 17, 42_000)).toBe('"read";r=17;t=42');
  });

  test('when part of a second remains, then t and Retry-After round up so a waiting client is never early', () => {
    expect(secondsUntil(1)).toBe(1);
    expect(secondsUntil(999)).toBe(1);
    expect(secondsUntil(1000)).toBe(1);
    expect(secondsUntil(1001)).toBe(2);
    expect(secondsUntil(0)).toBe(0);
    expect(secondsUntil(-5)).toBe(0);
  });
});
