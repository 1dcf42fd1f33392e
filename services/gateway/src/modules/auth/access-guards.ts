import type { RequestHandler } from 'express';
import type { KeyBudgetName } from '../../http/endpoint';
import type { AccessGuards } from '../../http/endpoint-router';
import { requireAdminToken } from './admin-auth.middleware';
import type { AuthFailures } from './auth-failures';
import { requireScope } from './require-scope.middleware';

/**
 * Admin endpoints check the admin token; every other endpoint checks its scope on the already authenticated key, then
 * spends one request of the key's budget for it.
 */
export function accessGuards(adminToken: string | undefined, failedAdminTokens: AuthFailures, keyBudgets: Record<KeyBudgetName, RequestHandler>): AccessGuards {
  const admin = [requireAdminToken(adminToken, failedAdminTokens)];
  return ({ access, keyBudget }) => {
    if (access === 'admin') return admin;
    return [requireScope(access), keyBudgets[keyBudget ?? (access === 'ingest' ? 'ingest' : 'read')]];
  };
}
