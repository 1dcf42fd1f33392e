import { Decimal, type DecimalValue } from '@finops/pricing';

const sum = (values: Decimal[]) => values.reduce((total, value) => total.add(value), new Decimal(0));

/**
 * The largest-remainder (Hamilton) method in exact arithmetic: part i starts at floor(n_i / d) units, and the units
 * still missing from `totalUnits` go one each to the parts with the largest remainders (n_i mod d), ties to the
 * earlier part, so the result depends only on the inputs and their order. The shortfall never exceeds the number of
 * parts with a remainder, so no part moves by more than one unit.
 */
function allocateUnits(numerators: Decimal[], denominator: Decimal, totalUnits: Decimal): Decimal[] {
  const units = numerators.map((numerator) => numerator.divToInt(denominator));
  const byRemainder = numerators
    .map((numerator, index) => ({ index, remainder: numerator.sub(units[index]!.mul(denominator)) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  // A count of units (at most the number of parts), not an amount of money.
  const shortfall = totalUnits.sub(sum(units)).toNumber();
  for (const { index } of byRemainder.slice(0, shortfall)) units[index] = units[index]!.add(1);
  return units;
}

function nonNegative(amounts: readonly DecimalValue[]): Decimal[] {
  const exact = amounts.map((amount) => new Decimal(amount));
  if (exact.some((amount) => amount.isNegative() || !amount.isFinite())) throw new Error('allocation needs non-negative finite amounts');
  return exact;
}

export interface RoundedAllocation {
  /** Each amount rounded to `places`, within one unit of its exact value. */
  parts: string[];
  /** The exact sum rounded half-even to `places`; the parts add up to exactly this. */
  total: string;
}

/** Rounds non-negative amounts to `places` decimals so that the rounded parts add up exactly to the rounded total. */
export function allocateRounded(amounts: readonly DecimalValue[], places: number): RoundedAllocation {
  const scale = new Decimal(10).pow(places);
  const scaled = nonNegative(amounts).map((amount) => amount.mul(scale));
  const totalUnits = sum(scaled).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  const parts = allocateUnits(scaled, new Decimal(1), totalUnits);
  return { parts: parts.map((part) => part.div(scale).toFixed(places)), total: totalUnits.div(scale).toFixed(places) };
}

/**
 * Each amount's share of their sum, to `places` decimals, adding up to exactly 1; undefined when the sum is 0.
 * Computed from exact remainders (no division is ever rounded), with the same largest-remainder rule.
 */
export function allocateShares(amounts: readonly DecimalValue[], places: number): string[] | undefined {
  const exact = nonNegative(amounts);
  const total = sum(exact);
  if (total.isZero()) return undefined;
  const scale = new Decimal(10).pow(places);
  const parts = allocateUnits(
    exact.map((amount) => amount.mul(scale)),
    total,
    scale,
  );
  return parts.map((part) => part.div(scale).toFixed(places));
}
