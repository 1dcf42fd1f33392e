import type { ModelPrice as ModelPriceBody } from '@finops/contracts';
import type { MeterPrices } from '@finops/pricing';

/** The reserved org that owns the built-in catalogue rows. */
export const CATALOG_ORG_ID = '00000000-0000-0000-0000-000000000000';

export interface ModelPrice extends MeterPrices {
  orgId: string;
  modelId: string;
  provider: string;
  effectiveFrom: Date;
  source: string;
}

export function isOverride(price: ModelPrice): boolean {
  return price.orgId !== CATALOG_ORG_ID;
}

const versions = new WeakMap<ModelPrice, string>();

/** Names the exact price row a trace was charged with, e.g. `catalog:claude-sonnet-4-6@2026-02-17T00:00:00.000Z`. */
export function pricingVersionOf(price: ModelPrice): string {
  let version = versions.get(price);
  if (version === undefined) {
    version = `${isOverride(price) ? 'override' : 'catalog'}:${price.modelId}@${price.effectiveFrom.toISOString()}`;
    versions.set(price, version);
  }
  return version;
}

export function toApiModelPrice(price: ModelPrice): ModelPriceBody {
  return {
    modelId: price.modelId,
    provider: price.provider,
    scope: isOverride(price) ? 'override' : 'catalog',
    effectiveFrom: price.effectiveFrom.toISOString(),
    inputUsdPerMTok: price.inputUsdPerMTok,
    outputUsdPerMTok: price.outputUsdPerMTok,
    cacheReadUsdPerMTok: price.cacheReadUsdPerMTok,
    cacheWriteUsdPerMTok: price.cacheWriteUsdPerMTok,
    source: price.source,
  };
}
