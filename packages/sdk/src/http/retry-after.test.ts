import { parseRetryAfter } from './retry-after';

const now = new Date('2027-03-17T12:00:00Z');

describe('parseRetryAfter', () => {
  test('when it holds seconds, then milliseconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  test('when it holds an HTTP date, then the time until it, never negative', () => {
    expect(parseRetryAfter('Wed, 17 Mar 2027 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 17 Mar 2027 11:00:00 GMT', now)).toBe(0);
  });

  test('when it is absent or unreadable, then undefined', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});
