import type { ApiKey as ApiKeyBody, CreatedApiKey } from '@finops/contracts';

/** An org's API key as services see it (never the secret, except right after creation). */
export interface ApiKey {
  orgId: string;
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function toApiApiKey(key: ApiKey): ApiKeyBody {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toApiCreatedApiKey(key: ApiKey, secret: string): CreatedApiKey {
  return { ...toApiApiKey(key), key: secret };
}
