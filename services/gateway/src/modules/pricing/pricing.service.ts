import type { ModelPriceOverride } from '@finops/contracts';
import { normalizeModelId } from '@finops/pricing';
import { InvalidFieldError } from '../../errors';
import { type ModelPrice } from './model-price';
import type { PriceBook } from './price-book';
import type { PricingRepository } from './pricing.repository';

export interface ModelPriceSummary {
  modelId: string;
  provider: string;
  current: ModelPrice | undefined;
  history: ModelPrice[];
}

export class PricingService {
  constructor(
    private readonly repository: PricingRepository,
    private readonly priceBook: PriceBook,
    private readonly now: () => Date,
  ) {}

  /** Every model the org can be charged for, with the price in effect now and every dated price. */
  async list(orgId: string): Promise<ModelPriceSummary[]> {
    const [catalog, overrides, prices] = await Promise.all([
      this.repository.catalogPrices(),
      this.repository.orgOverrides(orgId),
      this.priceBook.forOrg(orgId),
    ]);
    const byModel = new Map<string, ModelPrice[]>();
    for (const price of [...catalog, ...overrides]) byModel.set(price.modelId, [...(byModel.get(price.modelId) ?? []), price]);
    const at = this.now();
    return [...byModel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([modelId, history]) => ({
        modelId,
        provider: history[0]!.provider,
        current: prices.priceAt(modelId, at),
        history: history.sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime()),
      }));
  }

  /** Sets the org's negotiated price from a date on; the same model and date again replaces it. */
  async setOverride(orgId: string, rawModelId: string, override: ModelPriceOverride): Promise<ModelPrice> {
    const modelId = normalizeModelId(rawModelId);
    if (modelId.length === 0) throw new InvalidFieldError('modelId', 'must not be empty', 'path');
    const effectiveFrom = override.effectiveFrom
      ? new Date(override.effectiveFrom.length === 10 ? `${override.effectiveFrom}T00:00:00Z` : override.effectiveFrom)
      : this.now();
    const catalogProvider = (await this.repository.catalogPrices()).find((price) => price.modelId === modelId)?.provider;
    const price = await this.repository.upsertOverride(orgId, {
      modelId,
      provider: override.provider ?? catalogProvider ?? 'unknown',
      effectiveFrom,
      inputUsdPerMTok: override.inputUsdPerMTok,
      outputUsdPerMTok: override.outputUsdPerMTok,
      cacheReadUsdPerMTok: override.cacheReadUsdPerMTok ?? null,
      cacheWriteUsdPerMTok: override.cacheWriteUsdPerMTok ?? null,
    });
    this.priceBook.invalidate(orgId);
    return price;
  }
}
