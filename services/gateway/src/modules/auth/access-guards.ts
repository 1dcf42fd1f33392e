import type { AccessGuards } from '../../http/endpoint-router';
import { requireAdminToken } from './admin-auth.middleware';
import type { AuthFailures } from './auth-failures';
import { requireScope } from './require-scope.middleware';

/** Admin endpoints check the admin token; every other endpoint checks its scope on the already authenticated key. */
export function accessGuards(adminToken: string | undefined, failedAdminTokens: AuthFailures): AccessGuards {
  const admin = [requireAdminToken(adminToken, failedAdminTokens)];
  return (access) => (access === 'admin' ? admin : [requireScope(access)]);
}
