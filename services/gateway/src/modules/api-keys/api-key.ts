import { apiKeyScopes, type ApiKey as ApiKeyBody, type ApiKeyScope, type CreatedApiKey } from '@finops/contracts';

/** An org's API key as services see it (never the secret, except right after creation). */
export interface ApiKey {
  orgId: string;
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a new key's row holds: the secret only as its hash. */
export interface NewApiKeyRow {
  id: string;
  name: string;
  keyHash: string;
  prefix: string;
  scopes: ApiKeyScope[];
}

/** Scopes in their canonical order, so equal sets are stored and shown alike. */
export function canonicalScopes(scopes: Iterable<ApiKeyScope>): ApiKeyScope[] {
  const wanted = new Set(scopes);
  return apiKeyScopes.filter((scope) => wanted.has(scope));
}

export function toApiApiKey(key: ApiKey): ApiKeyBody {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toApiCreatedApiKey(key: ApiKey, secret: string): CreatedApiKey {
  return { ...toApiApiKey(key), key: secret };
}
