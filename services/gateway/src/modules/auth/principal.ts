import type { ApiKeyPrincipal } from './auth.types';

/** The authenticated caller of a route mounted behind the API-key middleware. */
export function principalOf(req: { principal?: ApiKeyPrincipal }): ApiKeyPrincipal {
  if (!req.principal) throw new Error('route is not behind the API-key middleware');
  return req.principal;
}
