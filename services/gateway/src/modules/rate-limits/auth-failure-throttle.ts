import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AuthThrottledError } from '../../errors';
import type { AuthFailures } from '../auth/auth-failures';
import { secondsUntil } from './rate-limit-fields';
import type { FailureBudget } from './rate-limit-settings';

/**
 * Counts failed authentications per client address in the configured store; an address that spends its budget is
 * blocked for blockSeconds. Blocks are also kept in this process, so a request from a blocked address costs no store
 * round trip, and a replica that did not see the block yet learns it at that address's next failure.
 */
export class AuthFailureThrottle implements AuthFailures {
  private readonly blocked: RateLimiterMemory;

  constructor(
    private readonly what: string,
    private readonly budget: FailureBudget,
    private readonly failures: RateLimiterAbstract,
  ) {
    this.blocked = new RateLimiterMemory({ keyPrefix: `${what}-blocked`, points: 1, duration: budget.blockSeconds });
  }

  async refuseIfBlocked(address: string): Promise<void> {
    const block = await this.blocked.get(address);
    if (block && block.consumedPoints > 1 && block.msBeforeNext > 0) throw this.refusal(block.msBeforeNext);
  }

  async recordFailure(address: string): Promise<void> {
    try {
      await this.failures.consume(address);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      await this.blocked.block(address, secondsUntil(refusal.msBeforeNext));
      throw this.refusal(refusal.msBeforeNext);
    }
  }

  private refusal(msBeforeNext: number): AuthThrottledError {
    const retryAfter = secondsUntil(msBeforeNext);
    return new AuthThrottledError(
      `More than ${this.budget.points} ${this.what} from this address in ${this.budget.windowSeconds} s; retry in ${retryAfter} s`,
      retryAfter,
    );
  }
}
