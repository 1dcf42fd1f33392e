import type { TokenUsage } from './usage';

/** Prices in USD per 1,000,000 tokens, as decimal strings with at most 9 decimal places. */
export interface MeterPrices {
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cacheReadUsdPerMTok: string | null;
  cacheWriteUsdPerMTok: string | null;
}

/** Stored trace costs keep 12 decimal places (a trillionth of a dollar); reports add stored values exactly. */
export const COST_DECIMAL_PLACES = 12;

/** Input:output weights of the blended rate applied to tokens reported only as a total (a common 3:1 convention). */
export const BLENDED_INPUT_WEIGHT = 3n;
export const BLENDED_OUTPUT_WEIGHT = 1n;
const BLENDED_WEIGHTS = BLENDED_INPUT_WEIGHT + BLENDED_OUTPUT_WEIGHT;

const PRICE_DECIMALS = 9;
const PRICE_SCALE = 10n ** BigInt(PRICE_DECIMALS);
const TOKENS_PER_PRICE_UNIT = 1_000_000n;
// cost x 10^12 = sum(tokens x price x 10^9 x weights) / (10^9 x 10^6 x weights / 10^12)
const COST_DIVISOR = (PRICE_SCALE * TOKENS_PER_PRICE_UNIT * BLENDED_WEIGHTS) / 10n ** BigInt(COST_DECIMAL_PLACES);

interface ScaledPrices {
  input: bigint;
  output: bigint;
  cacheRead: bigint;
  cacheWrite: bigint;
  /** (3 x input + 1 x output), still to be divided by 4. */
  blendedTimesWeights: bigint;
}

function toScaled(price: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(price);
  if (!match) throw new Error(`price "${price}" is not a decimal with at most ${PRICE_DECIMALS} places`);
  return BigInt(match[1]!) * PRICE_SCALE + BigInt((match[2] ?? '').padEnd(PRICE_DECIMALS, '0'));
}

// Each price row is parsed once, however many traces it prices.
const scaledCache = new WeakMap<MeterPrices, ScaledPrices>();

function scaled(prices: MeterPrices): ScaledPrices {
  let cached = scaledCache.get(prices);
  if (!cached) {
    const input = toScaled(prices.inputUsdPerMTok);
    const output = toScaled(prices.outputUsdPerMTok);
    cached = {
      input,
      output,
      cacheRead: prices.cacheReadUsdPerMTok === null ? input : toScaled(prices.cacheReadUsdPerMTok),
      cacheWrite: prices.cacheWriteUsdPerMTok === null ? input : toScaled(prices.cacheWriteUsdPerMTok),
      blendedTimesWeights: input * BLENDED_INPUT_WEIGHT + output * BLENDED_OUTPUT_WEIGHT,
    };
    scaledCache.set(prices, cached);
  }
  return cached;
}

function divideHalfEven(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor;
  const twiceRemainder = (numerator % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function formatScaled(value: bigint, decimals: number): string {
  const digits = value.toString().padStart(decimals + 1, '0');
  const fraction = digits.slice(-decimals).replace(/0+$/, '');
  const whole = digits.slice(0, -decimals);
  return fraction ? `${whole}.${fraction}` : whole;
}

/** USD per 1M tokens for unsplit totals: (3 x input + 1 x output) / 4, exact. */
export function blendedUsdPerMTok(prices: MeterPrices): string {
  const { blendedTimesWeights } = scaled(prices);
  // Dividing by 4 adds at most two decimal places to a 9-place price.
  return formatScaled((blendedTimesWeights * 100n) / BLENDED_WEIGHTS, PRICE_DECIMALS + 2);
}

/**
 * Cost of one trace in USD: exact integer arithmetic (prices scaled by 10^9, tokens are integers), rounded once,
 * half-even, to 12 decimal places. Cache meters fall back to the input rate for models that do not price them.
 */
export function costOf(usage: TokenUsage, prices: MeterPrices): string {
  const p = scaled(prices);
  const metered =
    BigInt(usage.inputTokens) * p.input +
    BigInt(usage.outputTokens) * p.output +
    BigInt(usage.cacheReadTokens) * p.cacheRead +
    BigInt(usage.cacheWriteTokens) * p.cacheWrite;
  const numerator = metered * BLENDED_WEIGHTS + BigInt(usage.unsplitTokens) * p.blendedTimesWeights;
  return formatScaled(divideHalfEven(numerator, COST_DIVISOR), COST_DECIMAL_PLACES);
}
