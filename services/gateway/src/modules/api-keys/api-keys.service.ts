import { randomUUID } from 'node:crypto';
import type { ApiKeyScope } from '@finops/contracts';
import { MissingScopeError, NotFoundError } from '../../errors';
import { canonicalScopes, type ApiKey } from './api-key';
import { generateApiKeySecret } from './api-key-secret';
import type { ApiKeysRepository } from './api-keys.repository';

export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    /** Drops a revoked key from wherever authentication caches keys, so it is refused at once. */
    private readonly forgetKey: (id: string) => void,
  ) {}

  /** A key never grants more than the key that creates it holds, or a `manage` key could mint itself every scope. */
  async create(
    creator: { orgId: string; scopes: readonly ApiKeyScope[] },
    name: string,
    scopes: readonly ApiKeyScope[],
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const missing = canonicalScopes(scopes).filter((scope) => !creator.scopes.includes(scope));
    if (missing.length > 0) {
      throw new MissingScopeError(missing, `A key can only grant scopes it holds itself; this key lacks ${missing.map((scope) => `"${scope}"`).join(', ')}`);
    }
    return this.insert(creator.orgId, name, scopes);
  }

  /** The operator's way back into an org whose keys are lost: the admin token mints any scopes, for an existing org. */
  async mintForOrg(orgId: string, name: string, scopes: readonly ApiKeyScope[]): Promise<{ apiKey: ApiKey; secret: string }> {
    if (!(await this.repository.orgExists(orgId))) throw new NotFoundError(`Org ${orgId}`);
    return this.insert(orgId, name, scopes);
  }

  private async insert(orgId: string, name: string, scopes: readonly ApiKeyScope[]): Promise<{ apiKey: ApiKey; secret: string }> {
    const secret = generateApiKeySecret();
    const apiKey = await this.repository.create(orgId, {
      id: randomUUID(),
      name,
      keyHash: secret.keyHash,
      prefix: secret.prefix,
      scopes: canonicalScopes(scopes),
    });
    return { apiKey, secret: secret.key };
  }

  list(orgId: string): Promise<ApiKey[]> {
    return this.repository.list(orgId);
  }

  async revoke(orgId: string, id: string): Promise<ApiKey> {
    const key = await this.repository.revoke(orgId, id);
    if (!key) throw new NotFoundError(`API key ${id}`);
    this.forgetKey(id);
    return key;
  }
}
