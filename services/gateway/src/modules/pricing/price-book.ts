import { normalizeModelId } from '@finops/pricing';
import { type ModelPrice } from './model-price';
import type { PricingRepository } from './pricing.repository';

/** Price rows of one model, oldest first. */
type PriceHistory = ModelPrice[];

export interface OrgPriceList {
  /** The price in effect at `at`: the org's override when it has one in effect, else the catalogue's. */
  priceAt(modelId: string, at: Date): ModelPrice | undefined;
}

function indexByModel(prices: ModelPrice[]): Map<string, PriceHistory> {
  const byModel = new Map<string, PriceHistory>();
  for (const price of prices) {
    const history = byModel.get(price.modelId) ?? [];
    history.push(price);
    byModel.set(price.modelId, history);
  }
  for (const history of byModel.values()) history.sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  return byModel;
}

function inEffectAt(history: PriceHistory | undefined, at: Date): ModelPrice | undefined {
  if (!history) return undefined;
  let found: ModelPrice | undefined;
  for (const price of history) {
    if (price.effectiveFrom.getTime() > at.getTime()) break;
    found = price;
  }
  return found;
}

/** A catalogue model's price at `at`; before its first listed price, that first price. */
function catalogPriceAt(catalog: Map<string, PriceHistory>, modelId: string, at: Date): ModelPrice | undefined {
  const history = catalog.get(modelId);
  return inEffectAt(history, at) ?? history?.[0];
}

interface Cached<T> {
  value: Promise<T>;
  expiresAt: number;
}

/**
 * Prices for the ingest hot path, cached in memory. A change made through this process is visible at once;
 * other replicas see it within the TTL. A trace dated before a catalogue model's first listed price is charged
 * that first price (the catalogue does not record launch prices further back).
 */
export class PriceBook {
  private catalog: Cached<Map<string, PriceHistory>> | undefined;
  private readonly overrides = new Map<string, Cached<Map<string, PriceHistory>>>();

  constructor(
    private readonly repository: PricingRepository,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async forOrg(orgId: string): Promise<OrgPriceList> {
    const [catalog, overrides] = await Promise.all([this.catalogIndex(), this.overrideIndex(orgId)]);
    return {
      priceAt(modelId, at) {
        const id = normalizeModelId(modelId);
        return inEffectAt(overrides.get(id), at) ?? catalogPriceAt(catalog, id, at);
      },
    };
  }

  /** List prices: the catalogue alone, as if the org had negotiated nothing. */
  async listPrices(): Promise<OrgPriceList> {
    const catalog = await this.catalogIndex();
    return { priceAt: (modelId, at) => catalogPriceAt(catalog, normalizeModelId(modelId), at) };
  }

  invalidate(orgId: string): void {
    this.overrides.delete(orgId);
  }

  private catalogIndex(): Promise<Map<string, PriceHistory>> {
    if (!this.catalog || this.catalog.expiresAt <= this.now()) {
      this.catalog = this.load(() => this.repository.catalogPrices(), () => (this.catalog = undefined));
    }
    return this.catalog.value;
  }

  private overrideIndex(orgId: string): Promise<Map<string, PriceHistory>> {
    let cached = this.overrides.get(orgId);
    if (!cached || cached.expiresAt <= this.now()) {
      cached = this.load(() => this.repository.orgOverrides(orgId), () => this.overrides.delete(orgId));
      this.overrides.set(orgId, cached);
    }
    return cached.value;
  }

  private load(fetch: () => Promise<ModelPrice[]>, onFailure: () => void): Cached<Map<string, PriceHistory>> {
    const value = fetch().then(indexByModel);
    // A failed load is not cached: the next request tries again.
    value.catch(onFailure);
    return { value, expiresAt: this.now() + this.ttlMs };
  }
}
