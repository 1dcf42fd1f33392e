import { FinOpsApiError, FinOpsContractError, FinOpsNetworkError } from '../errors';
import { DEFAULT_RETRY, isRetryable, retryDelayMs } from './retry-policy';

const options = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
const apiError = (status: number) => new FinOpsApiError(status, { type: 'about:blank', title: 'x', status }, undefined);

describe('retryDelayMs', () => {
  test('when random is at its top, then the wait doubles per retry up to maxDelayMs', () => {
    const almostOne = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelayMs(retry, undefined, almostOne, options))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  test('when random is 0, then the wait is 0 (full jitter spreads over the whole window)', () => {
    expect(retryDelayMs(4, undefined, () => 0, options)).toBe(0);
  });

  test('when Retry-After is longer than the jittered wait, then it is the wait; when shorter, the jittered wait', () => {
    expect(retryDelayMs(1, 5_000, () => 0.5, options)).toBe(5_000);
    expect(retryDelayMs(4, 10, () => 0.5, options)).toBe(400);
  });

  test('when the defaults are used, then eight attempts wait at most 0.25+0.5+…+16 s in all', () => {
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, retry) => sum + retryDelayMs(retry, undefined, () => 0.999_999, DEFAULT_RETRY), 0);
    expect(total).toBeLessThan(32_000);
    expect(total).toBeGreaterThan(31_000);
  });
});

describe('isRetryable', () => {
  test('when the gateway was not reached, rate-limited or failed on its side, then retry; otherwise not', () => {
    expect(isRetryable(new FinOpsNetworkError('down', { cause: null }))).toBe(true);
    expect([429, 408, 500, 502, 503].map((status) => isRetryable(apiError(status)))).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 409, 413, 422].map((status) => isRetryable(apiError(status)))).toEqual([false, false, false, false, false, false, false]);
    expect(isRetryable(new FinOpsContractError('odd'))).toBe(false);
  });
});
