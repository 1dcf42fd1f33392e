import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { KeyBudgetName } from '../../http/endpoint';
import type { DbPool } from '../../db/pool';
import type { AuthFailures } from '../auth/auth-failures';
import { AuthFailureThrottle } from './auth-failure-throttle';
import { keyBudget } from './key-budget.middleware';
import { createLimiterStore } from './rate-limiter-store';
import type { RateLimitSettings } from './rate-limit-settings';

export interface RateLimits {
  /** Per-key budget middlewares, behind the API-key middleware; each endpoint declares the one it spends. */
  keyBudgets: Record<KeyBudgetName, RequestHandler>;
  /** Hooks for the API-key and admin-token middlewares. */
  failedApiKeys: AuthFailures;
  failedAdminTokens: AuthFailures;
  close(): Promise<void>;
}

export function createRateLimitsModule(settings: RateLimitSettings, pool: DbPool, logger: Logger): RateLimits {
  const store = createLimiterStore(settings, pool, logger);
  const budget = (name: KeyBudgetName) => keyBudget(name, settings[name], store.limiter({ name, ...settings[name] }));
  const failures = (name: string, what: string, failureBudget: RateLimitSettings['failedApiKeys']) =>
    new AuthFailureThrottle(what, failureBudget, store.limiter({ name, ...failureBudget }));
  return {
    keyBudgets: { ingest: budget('ingest'), guard: budget('guard'), read: budget('read') },
    failedApiKeys: failures('failed-api-keys', 'requests without a valid API key', settings.failedApiKeys),
    failedAdminTokens: failures('failed-admin-tokens', 'wrong admin tokens', settings.failedAdminTokens),
    close: () => store.close(),
  };
}
