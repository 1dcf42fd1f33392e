import type { OtlpAttributeMapping } from '@finops/contracts';
import { inTenantPrisma, type Prisma } from '../../db/prisma';

const byDimensionOrder = { dimension: 'asc' } as const;

export class AttributeMappingsRepository {
  constructor(private readonly prisma: Prisma) {}

  async list(orgId: string): Promise<OtlpAttributeMapping[]> {
    const rows = await inTenantPrisma(this.prisma, orgId, (tx) => tx.otlpAttributeMapping.findMany({ where: { orgId }, orderBy: byDimensionOrder }));
    return rows.map((row) => ({ attribute: row.attributeKey, dimension: row.dimension }));
  }

  /** The org's mappings become exactly `mappings`, in one transaction (a concurrent export sees the old set or the new). */
  async replace(orgId: string, mappings: readonly OtlpAttributeMapping[]): Promise<void> {
    await inTenantPrisma(this.prisma, orgId, async (tx) => {
      await tx.otlpAttributeMapping.deleteMany({ where: { orgId } });
      await tx.otlpAttributeMapping.createMany({ data: mappings.map((mapping) => ({ orgId, dimension: mapping.dimension, attributeKey: mapping.attribute })) });
    });
  }
}
