import { inTenantPrisma, type Prisma } from '../../db/prisma';
import type { ApiKey, NewApiKeyRow } from '../api-keys/api-key';

export interface OrgRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export class OrgsRepository {
  constructor(private readonly prisma: Prisma) {}

  /** Creating an org happens before any tenant exists, so it runs as the owning role, in one transaction. */
  async createWithKey(
    org: { id: string; name: string },
    key: NewApiKeyRow,
  ): Promise<{ org: OrgRecord; apiKey: ApiKey }> {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.org.create({ data: org, select: { id: true, name: true, createdAt: true } });
      const apiKey = await tx.apiKey.create({
        data: { orgId: org.id, ...key },
        select: { orgId: true, id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true },
      });
      return { org: created, apiKey };
    });
  }

  async findById(orgId: string): Promise<OrgRecord | undefined> {
    const org = await inTenantPrisma(this.prisma, orgId, (tx) => tx.org.findUnique({ where: { id: orgId }, select: { id: true, name: true, createdAt: true } }));
    return org ?? undefined;
  }

  async findByName(name: string): Promise<OrgRecord | undefined> {
    const org = await this.prisma.org.findFirst({ where: { name }, select: { id: true, name: true, createdAt: true }, orderBy: { createdAt: 'asc' } });
    return org ?? undefined;
  }
}
