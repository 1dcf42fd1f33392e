import type { ApiKeyScope } from '@finops/contracts';

export interface ApiKeyPrincipal {
  orgId: string;
  apiKeyId: string;
  scopes: readonly ApiKeyScope[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the API-key middleware on every /api/v1 route except the admin ones. */
      principal?: ApiKeyPrincipal;
    }
  }
}
