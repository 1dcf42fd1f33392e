import Decimal from 'decimal.js';

const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });

export interface RoundedAllocation {
  /** Each amount rounded to `places`, within one unit of its exact value. */
  parts: string[];
  /** The exact sum rounded half-even to `places`; the parts add up to exactly this. */
  total: string;
}

/**
 * Rounds non-negative amounts so that the rounded parts add up exactly to the rounded total (the largest-remainder,
 * or Hamilton, method). Every part is first rounded down to `places`; the units the total is still short are then
 * given one each to the parts that lost the most, ties to the earlier part, so the result depends only on the
 * amounts and their order. The shortfall never exceeds the number of parts with a remainder, so no part moves by
 * more than one unit.
 */
export function allocateRounded(amounts: readonly Decimal.Value[], places: number): RoundedAllocation {
  const exact = amounts.map((amount) => new Exact(amount));
  if (exact.some((amount) => amount.isNegative() || !amount.isFinite())) throw new Error('allocateRounded needs non-negative finite amounts');
  const unit = new Exact(10).pow(-places);
  const floors = exact.map((amount) => amount.toDecimalPlaces(places, Decimal.ROUND_DOWN));
  const total = exact.reduce((sum, amount) => sum.add(amount), new Exact(0)).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  const shortfallUnits = total.sub(floors.reduce((sum, floor) => sum.add(floor), new Exact(0))).div(unit).toNumber();
  const byRemainder = exact
    .map((amount, index) => ({ index, remainder: amount.sub(floors[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const parts = [...floors];
  for (const { index } of byRemainder.slice(0, shortfallUnits)) parts[index] = parts[index]!.add(unit);
  return { parts: parts.map((part) => part.toFixed(places)), total: total.toFixed(places) };
}
