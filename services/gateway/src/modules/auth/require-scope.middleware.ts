import type { ApiKeyScope } from '@finops/contracts';
import type { RequestHandler } from 'express';
import { MissingScopeError } from '../../errors';
import { principalOf } from './principal';

/** Behind the API-key middleware: the key must hold the endpoint's scope, or the answer is 403 naming it. */
export function requireScope(scope: ApiKeyScope): RequestHandler {
  return (req, _res, next) => {
    if (!principalOf(req).scopes.includes(scope)) {
      throw new MissingScopeError([scope], `This API key does not have the "${scope}" scope, which this endpoint requires`);
    }
    next();
  };
}
