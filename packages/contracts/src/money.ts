import { largestDecimal, storedColumns, type DecimalColumns } from './stored-columns';
import { z } from './zod';

/** A non-negative USD amount on the wire: always a decimal string in responses (sums have no fixed width). */
export const MoneySchema = z
  .string()
  .regex(/^(0|[1-9]\d*)(\.\d{1,12})?$/)
  .openapi({ description: 'US dollars as a decimal string (never a float)', example: '12.345678' });

/**
 * A non-negative decimal in a request that must fit the numeric(precision, scale) columns it is stored in: a JSON
 * number as in the product docs (`"limitUsd": 500`) or a decimal string. Numbers are read through their shortest
 * round-trip representation, so 0.1 becomes "0.1", not 0.1000000000000000055511151231257827. More integer digits or
 * more decimals than the column holds are refused rather than overflowing or being rounded away in the database.
 */
export function decimalInputSchema(column: Pick<DecimalColumns, 'precision' | 'scale'>, unit: string) {
  const integerDigits = column.precision - column.scale;
  const pattern = new RegExp(`^(0|[1-9]\\d{0,${integerDigits - 1}})(\\.\\d{1,${column.scale}})?$`);
  const message =
    `must be a non-negative amount in ${unit} with at most ${integerDigits} digits before the decimal point and ` +
    `${column.scale} after (at most ${largestDecimal(column)}), as a number or decimal string`;
  return z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? numberToDecimalString(value) : value.trim();
      if (text === null || !pattern.test(text)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return canonicalDecimal(text);
    })
    .openapi({
      type: 'string',
      description: `${unit} as a JSON number or a decimal string, at most ${integerDigits} integer digits and ${column.scale} decimal places`,
      example: '0.0123',
    });
}

/** The one wire form of an amount: no trailing fractional zeros ("0.50" and "0.5" are the same amount). */
export function canonicalDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function numberToDecimalString(value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const text = String(value);
  if (!text.includes('e')) return text;
  // Exponent form only appears below 1e-6 or above 1e21; expand it without going through binary arithmetic.
  const [mantissa = '', exponentText = '0'] = text.split('e');
  const exponent = Number(exponentText);
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const pointAt = whole.length + exponent;
  if (pointAt <= 0) return `0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return digits + '0'.repeat(pointAt - digits.length);
  return `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** A trace's known cost (execution_traces.cost_usd). */
export const TraceCostUsdInputSchema = decimalInputSchema(storedColumns.traceCostUsd, 'USD');

/** The cap of a budget or guard policy, greater than 0. */
export const CapLimitUsdInputSchema = decimalInputSchema(storedColumns.capLimitUsd, 'USD').refine(
  (amount) => !/^0(\.0*)?$/.test(amount),
  'must be greater than 0',
);

/** What a guard check may reserve or a settle may hold. */
export const GuardAmountUsdInputSchema = decimalInputSchema(storedColumns.guardReservationUsd, 'USD');

/** A model price in USD per 1M tokens. */
export const UsdPerMillionTokensInputSchema = decimalInputSchema(storedColumns.usdPerMillionTokens, 'USD per 1M tokens');
