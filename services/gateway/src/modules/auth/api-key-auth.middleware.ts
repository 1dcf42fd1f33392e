import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../errors';
import type { ApiKeyAuthenticator } from './api-key-authenticator';
import { clientAddress, type AuthFailures } from './auth-failures';
import { bearerToken } from './bearer';
import './auth.types';

export function requireApiKey(authenticator: ApiKeyAuthenticator, failures: AuthFailures): RequestHandler {
  return async (req, _res, next) => {
    const address = clientAddress(req);
    await failures.refuseIfBlocked(address);
    try {
      const principal = await authenticator.authenticate(bearerToken(req));
      if (!principal) throw new UnauthorizedError('The API key is not valid (unknown or revoked)');
      req.principal = principal;
    } catch (error) {
      if (error instanceof UnauthorizedError) await failures.recordFailure(address);
      throw error;
    }
    next();
  };
}
