import { randomUUID } from 'node:crypto';
import { apiKeyScopes } from '@finops/contracts';
import type { ApiKey } from '../api-keys/api-key';
import { generateApiKeySecret } from '../api-keys/api-key-secret';
import type { OrgRecord, OrgsRepository } from './orgs.repository';

export interface CreatedOrgResult {
  org: OrgRecord;
  apiKey: ApiKey;
  secret: string;
}

export class OrgsService {
  constructor(private readonly repository: OrgsRepository) {}

  /** A new org always comes with its first API key, with every scope, so it can be used at once. */
  async create(name: string, apiKeyName = 'default'): Promise<CreatedOrgResult> {
    const secret = generateApiKeySecret();
    const { org, apiKey } = await this.repository.createWithKey(
      { id: randomUUID(), name },
      { id: randomUUID(), name: apiKeyName, keyHash: secret.keyHash, prefix: secret.prefix, scopes: [...apiKeyScopes] },
    );
    return { org, apiKey, secret: secret.key };
  }

  findByName(name: string): Promise<OrgRecord | undefined> {
    return this.repository.findByName(name);
  }
}
