import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../errors';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import type { ApiKey } from './api-key';
import { generateApiKeySecret } from './api-key-secret';
import type { ApiKeysRepository } from './api-keys.repository';

export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async create(orgId: string, name: string): Promise<{ apiKey: ApiKey; secret: string }> {
    const secret = generateApiKeySecret();
    const apiKey = await this.repository.create(orgId, { id: randomUUID(), name, keyHash: secret.keyHash, prefix: secret.prefix });
    return { apiKey, secret: secret.key };
  }

  list(orgId: string): Promise<ApiKey[]> {
    return this.repository.list(orgId);
  }

  async revoke(orgId: string, id: string): Promise<ApiKey> {
    const key = await this.repository.revoke(orgId, id);
    if (!key) throw new NotFoundError(`API key ${id}`);
    this.authenticator.forgetKey(id);
    return key;
  }
}
