import type { Logger } from 'pino';
import { hashApiKey, isWellFormedApiKey } from '../api-keys/api-key-secret';
import type { ApiKeysRepository } from '../api-keys/api-keys.repository';
import type { ApiKeyPrincipal } from './auth.types';

const LAST_USED_WRITE_INTERVAL_MS = 60_000;

interface CachedKey {
  principal: ApiKeyPrincipal;
  expiresAt: number;
}

/**
 * Resolves an API key to its org. Keys are looked up by the SHA-256 of the whole key, so an unknown key and a
 * wrong key cost the same work and no lookup reveals which keys exist. Valid keys are cached for a few seconds
 * (revocation is immediate in this process, within the TTL in others); last-used times are written at most once
 * a minute per key, off the request path.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CachedKey>();
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly cacheTtlMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(presentedKey: string): Promise<ApiKeyPrincipal | undefined> {
    if (!isWellFormedApiKey(presentedKey)) return undefined;
    const keyHash = hashApiKey(presentedKey);
    const cached = this.cache.get(keyHash);
    let principal = cached && cached.expiresAt > this.now() ? cached.principal : undefined;
    if (!principal) {
      principal = await this.repository.findActiveByHash(keyHash);
      if (!principal) {
        this.cache.delete(keyHash);
        return undefined;
      }
      this.cache.set(keyHash, { principal, expiresAt: this.now() + this.cacheTtlMs });
    }
    this.recordUse(principal);
    return principal;
  }

  forgetKey(apiKeyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.principal.apiKeyId === apiKeyId) this.cache.delete(hash);
  }

  private recordUse(principal: ApiKeyPrincipal): void {
    const last = this.lastUsedWrites.get(principal.apiKeyId) ?? 0;
    if (this.now() - last < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWrites.set(principal.apiKeyId, this.now());
    this.repository
      .touchLastUsed(principal)
      .catch((error: unknown) => this.logger.warn({ err: error, apiKeyId: principal.apiKeyId }, 'could not record key use'));
  }
}
