import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../errors';
import { clientAddress, type AuthFailures } from './auth-failures';
import { bearerToken } from './bearer';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Admin routes take the ADMIN_TOKEN from the environment; compared in constant time, wrong tokens throttled. */
export function requireAdminToken(adminToken: string | undefined, failures: AuthFailures): RequestHandler {
  const expected = adminToken ? digest(adminToken) : undefined;
  return async (req, _res, next) => {
    if (!expected) throw new UnauthorizedError('The admin API is disabled: start the gateway with ADMIN_TOKEN set');
    const address = clientAddress(req);
    await failures.refuseIfBlocked(address);
    try {
      if (!timingSafeEqual(digest(bearerToken(req)), expected)) throw new UnauthorizedError('The admin token is not valid');
    } catch (error) {
      if (error instanceof UnauthorizedError) await failures.recordFailure(address);
      throw error;
    }
    next();
  };
}
