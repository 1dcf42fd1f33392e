import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../errors';
import type { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken } from './bearer';
import './auth.types';

export function requireApiKey(authenticator: ApiKeyAuthenticator): RequestHandler {
  return async (req, _res, next) => {
    const principal = await authenticator.authenticate(bearerToken(req));
    if (!principal) throw new UnauthorizedError('The API key is not valid (unknown or revoked)');
    req.principal = principal;
    next();
  };
}
