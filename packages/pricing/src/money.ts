import Decimal from 'decimal.js';

const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });

/** Exact sum of USD decimal strings, as a decimal string without trailing zeros. */
export function sumUsd(amounts: Iterable<string>): string {
  let total = new Exact(0);
  for (const amount of amounts) total = total.add(amount);
  return total.toFixed();
}
