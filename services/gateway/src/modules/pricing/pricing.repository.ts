import type { CatalogEntry } from '@finops/pricing';
import { normalizeModelId } from '@finops/pricing';
import type { Prisma } from '../../db/prisma';
import { inTenantPrisma } from '../../db/prisma';
import { CATALOG_ORG_ID, type ModelPrice } from './model-price';

interface ModelPriceRow {
  orgId: string;
  modelId: string;
  provider: string;
  effectiveFrom: Date;
  inputUsdPerMTok: { toFixed(): string };
  outputUsdPerMTok: { toFixed(): string };
  cacheReadUsdPerMTok: { toFixed(): string } | null;
  cacheWriteUsdPerMTok: { toFixed(): string } | null;
  source: string;
}

function fromDbModelPrice(row: ModelPriceRow): ModelPrice {
  return {
    orgId: row.orgId,
    modelId: row.modelId,
    provider: row.provider,
    effectiveFrom: row.effectiveFrom,
    inputUsdPerMTok: row.inputUsdPerMTok.toFixed(),
    outputUsdPerMTok: row.outputUsdPerMTok.toFixed(),
    cacheReadUsdPerMTok: row.cacheReadUsdPerMTok?.toFixed() ?? null,
    cacheWriteUsdPerMTok: row.cacheWriteUsdPerMTok?.toFixed() ?? null,
    source: row.source,
  };
}

export interface PriceOverrideInput {
  modelId: string;
  provider: string;
  effectiveFrom: Date;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cacheReadUsdPerMTok: string | null;
  cacheWriteUsdPerMTok: string | null;
}

export class PricingRepository {
  constructor(private readonly prisma: Prisma) {}

  /** Writes the shipped catalogue (each alias as its own row); idempotent, runs at every start. */
  async syncCatalog(entries: CatalogEntry[]): Promise<void> {
    const rows = entries.flatMap((entry) =>
      [entry.modelId, ...entry.aliases].map((modelId) => ({
        orgId: CATALOG_ORG_ID,
        modelId: normalizeModelId(modelId),
        provider: entry.provider,
        effectiveFrom: new Date(`${entry.effectiveFrom}T00:00:00Z`),
        inputUsdPerMTok: entry.inputUsdPerMTok,
        outputUsdPerMTok: entry.outputUsdPerMTok,
        cacheReadUsdPerMTok: entry.cacheReadUsdPerMTok,
        cacheWriteUsdPerMTok: entry.cacheWriteUsdPerMTok,
        source: entry.source,
      })),
    );
    await this.prisma.$transaction(
      rows.map((row) =>
        this.prisma.modelPrice.upsert({
          where: { orgId_modelId_effectiveFrom: { orgId: row.orgId, modelId: row.modelId, effectiveFrom: row.effectiveFrom } },
          create: row,
          update: row,
        }),
      ),
    );
  }

  async catalogPrices(): Promise<ModelPrice[]> {
    const rows = await this.prisma.modelPrice.findMany({ where: { orgId: CATALOG_ORG_ID } });
    return rows.map(fromDbModelPrice);
  }

  async orgOverrides(orgId: string): Promise<ModelPrice[]> {
    const rows = await inTenantPrisma(this.prisma, orgId, (tx) => tx.modelPrice.findMany({ where: { orgId } }));
    return rows.map(fromDbModelPrice);
  }

  async upsertOverride(orgId: string, input: PriceOverrideInput): Promise<ModelPrice> {
    const data = { ...input, orgId, source: 'org override' };
    const row = await inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.modelPrice.upsert({
        where: { orgId_modelId_effectiveFrom: { orgId, modelId: input.modelId, effectiveFrom: input.effectiveFrom } },
        create: data,
        update: data,
      }),
    );
    return fromDbModelPrice(row);
  }
}
