import type { RequestHandler } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../errors';
import { principalOf } from '../auth/principal';
import { rateLimitField, rateLimitPolicyField, secondsUntil } from './rate-limit-fields';
import type { Budget } from './rate-limit-settings';

/**
 * Charges one request to the caller's API key in one budget class, answering with the RateLimit fields; a spent budget
 * is a 429 with Retry-After (the end of the window). Mount it behind the API-key middleware.
 */
export function keyBudget(policy: string, budget: Budget, limiter: RateLimiterAbstract): RequestHandler {
  const policyField = rateLimitPolicyField(policy, budget.points, budget.windowSeconds);
  return async (req, res, next) => {
    const { apiKeyId } = principalOf(req);
    let result: RateLimiterRes;
    try {
      result = await limiter.consume(apiKeyId);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfter = secondsUntil(refusal.msBeforeNext);
      throw new RateLimitedError(`This API key sent more than ${budget.points} ${policy} requests in ${budget.windowSeconds} s; retry in ${retryAfter} s`, {
        'RateLimit-Policy': policyField,
        RateLimit: rateLimitField(policy, 0, refusal.msBeforeNext),
        'Retry-After': String(retryAfter),
      });
    }
    res.setHeader('RateLimit-Policy', policyField);
    res.setHeader('RateLimit', rateLimitField(policy, result.remainingPoints, result.msBeforeNext));
    next();
  };
}
