import type { PricingSource, TraceIngest } from '@finops/contracts';
import { costOf, toTokenUsage, type TokenUsage } from '@finops/pricing';
import type { OrgPriceList } from '../pricing/price-book';
import { pricingVersionOf, isOverride } from '../pricing/model-price';

export interface TraceCost {
  usage: TokenUsage;
  costUsd: string;
  pricingSource: PricingSource;
  pricingVersion: string | null;
}

/**
 * A cost sent by the client wins; otherwise the price in effect at `occurredAt` (org override, then catalogue).
 * An unknown model is never rejected: it is stored at cost 0 as `unpriced`, so reports can show its tokens.
 */
export function costTrace(trace: TraceIngest, occurredAt: Date, prices: OrgPriceList): TraceCost {
  const usage = toTokenUsage(trace);
  if (trace.costUsd !== undefined) return { usage, costUsd: trace.costUsd, pricingSource: 'provided', pricingVersion: null };
  const price = prices.priceAt(trace.modelId, occurredAt);
  if (!price) return { usage, costUsd: '0', pricingSource: 'unpriced', pricingVersion: null };
  return {
    usage,
    costUsd: costOf(usage, price),
    pricingSource: isOverride(price) ? 'override' : 'catalog',
    pricingVersion: pricingVersionOf(price),
  };
}
