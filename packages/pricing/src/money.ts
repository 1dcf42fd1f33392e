import DecimalJs from 'decimal.js';

/**
 * The codebase's one decimal context for money; every other module imports `Decimal` from here (a lint rule forbids
 * importing decimal.js elsewhere or cloning another context).
 *
 * Precision 80 significant digits: the widest money column is numeric(38,12) (38 digits). A sum of n such values needs
 * 38 + log10(n) digits and a product of two of them (a limit times a threshold, an amount scaled by 10^places) up to
 * 76, so every addition, subtraction and multiplication of stored values is exact; only division rounds, at the 80th
 * digit, far below the 12 places any column keeps. decimal.js's default of 20 digits silently rounded
 * `123456789.123456789012 − 0.000000000001`.
 *
 * Rounding half-even (banker's rounding), the rule the cost calculation and the reports' rounding to cents use, so
 * that rounding many amounts carries no upward bias.
 */
export const Decimal = DecimalJs.clone({ precision: 80, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Decimal = DecimalJs;
/** What a money value may be built from: a decimal string, a number (tests, literals) or another Decimal. */
export type DecimalValue = DecimalJs.Value;

/** Exact sum of USD decimal strings, as a decimal string without trailing zeros. */
export function sumUsd(amounts: Iterable<string>): string {
  let total = new Decimal(0);
  for (const amount of amounts) total = total.add(amount);
  return total.toFixed();
}
