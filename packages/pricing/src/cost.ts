import Decimal from 'decimal.js';
import type { TokenUsage } from './usage';

/** Prices in USD per 1,000,000 tokens, as decimal strings. */
export interface MeterPrices {
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cacheReadUsdPerMTok: string | null;
  cacheWriteUsdPerMTok: string | null;
}

/** Stored trace costs keep 12 decimal places (a trillionth of a dollar); reports add stored values exactly. */
export const COST_DECIMAL_PLACES = 12;

/** Input:output weights of the blended rate applied to tokens reported only as a total (a common 3:1 convention). */
export const BLENDED_INPUT_WEIGHT = 3;
export const BLENDED_OUTPUT_WEIGHT = 1;

const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
const ONE_MILLION = new Money(1_000_000);

/** USD per 1M tokens for unsplit totals: (3 x input + 1 x output) / 4. */
export function blendedUsdPerMTok(prices: MeterPrices): Decimal {
  return new Money(prices.inputUsdPerMTok)
    .mul(BLENDED_INPUT_WEIGHT)
    .add(new Money(prices.outputUsdPerMTok).mul(BLENDED_OUTPUT_WEIGHT))
    .div(BLENDED_INPUT_WEIGHT + BLENDED_OUTPUT_WEIGHT);
}

/**
 * Cost of one trace in USD, exact decimal arithmetic rounded once (half-even) to 12 places. Cache meters fall back to
 * the input rate for models that do not price them separately.
 */
export function costOf(usage: TokenUsage, prices: MeterPrices): string {
  const input = new Money(prices.inputUsdPerMTok);
  const cost = input
    .mul(usage.inputTokens)
    .add(new Money(prices.outputUsdPerMTok).mul(usage.outputTokens))
    .add(new Money(prices.cacheReadUsdPerMTok ?? prices.inputUsdPerMTok).mul(usage.cacheReadTokens))
    .add(new Money(prices.cacheWriteUsdPerMTok ?? prices.inputUsdPerMTok).mul(usage.cacheWriteTokens))
    .add(blendedUsdPerMTok(prices).mul(usage.unsplitTokens))
    .div(ONE_MILLION);
  return cost.toDecimalPlaces(COST_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN).toFixed();
}
