import type { Prisma } from '../../db/prisma';
import { inTenantPrisma } from '../../db/prisma';
import type { ApiKeyPrincipal } from '../auth/auth.types';
import type { ApiKey, NewApiKeyRow } from './api-key';

const apiKeyColumns = {
  orgId: true,
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export class ApiKeysRepository {
  constructor(private readonly prisma: Prisma) {}

  /** Runs before the org is known, so outside row-level security: the only cross-org read of this table. */
  async findActiveByHash(keyHash: string): Promise<ApiKeyPrincipal | undefined> {
    const row = await this.prisma.apiKey.findFirst({
      where: { keyHash, revokedAt: null },
      select: { orgId: true, id: true, scopes: true },
    });
    return row ? { orgId: row.orgId, apiKeyId: row.id, scopes: row.scopes } : undefined;
  }

  async touchLastUsed(principal: ApiKeyPrincipal): Promise<void> {
    await this.prisma.apiKey.update({
      where: { orgId_id: { orgId: principal.orgId, id: principal.apiKeyId } },
      data: { lastUsedAt: new Date() },
    });
  }

  async orgExists(orgId: string): Promise<boolean> {
    const org = await inTenantPrisma(this.prisma, orgId, (tx) => tx.org.findUnique({ where: { id: orgId }, select: { id: true } }));
    return org !== null;
  }

  create(orgId: string, key: NewApiKeyRow): Promise<ApiKey> {
    return inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.apiKey.create({ data: { orgId, ...key }, select: apiKeyColumns }),
    );
  }

  list(orgId: string): Promise<ApiKey[]> {
    return inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.apiKey.findMany({ where: { orgId }, select: apiKeyColumns, orderBy: { createdAt: 'asc' } }),
    );
  }

  /** Marks the key revoked (first revocation time is kept); undefined when the org has no such key. */
  revoke(orgId: string, id: string): Promise<ApiKey | undefined> {
    return inTenantPrisma(this.prisma, orgId, async (tx) => {
      const key = await tx.apiKey.findUnique({ where: { orgId_id: { orgId, id } }, select: apiKeyColumns });
      if (!key) return undefined;
      if (key.revokedAt) return key;
      return tx.apiKey.update({ where: { orgId_id: { orgId, id } }, data: { revokedAt: new Date() }, select: apiKeyColumns });
    });
  }
}
