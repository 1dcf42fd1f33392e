import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../errors';
import { bearerToken } from './bearer';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Admin routes take the ADMIN_TOKEN from the environment; compared in constant time. */
export function requireAdminToken(adminToken: string | undefined): RequestHandler {
  const expected = adminToken ? digest(adminToken) : undefined;
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!expected) throw new UnauthorizedError('The admin API is disabled: start the gateway with ADMIN_TOKEN set');
    if (!timingSafeEqual(digest(token), expected)) throw new UnauthorizedError('The admin token is not valid');
    next();
  };
}
