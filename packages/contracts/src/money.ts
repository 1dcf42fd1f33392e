import { z } from './zod';

const DECIMAL_PATTERN = /^(0|[1-9]\d{0,17})(\.\d{1,12})?$/;

/** A non-negative USD amount on the wire: always a decimal string in responses. */
export const MoneySchema = z
  .string()
  .regex(DECIMAL_PATTERN)
  .openapi({ description: 'US dollars as a decimal string (never a float)', example: '12.345678' });

/**
 * A non-negative USD amount in a request: a JSON number as in the product docs (`"limitUsd": 500`) or a decimal
 * string. Numbers are read through their shortest round-trip representation, so 0.1 becomes "0.1", not
 * 0.1000000000000000055511151231257827.
 */
export const MoneyInputSchema = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? numberToDecimalString(value) : value.trim();
    if (text === null || !DECIMAL_PATTERN.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a non-negative amount in USD with at most 12 decimal places, as a number or decimal string',
      });
      return z.NEVER;
    }
    return canonicalDecimal(text);
  })
  .openapi({
    type: 'string',
    description: 'US dollars as a JSON number or a decimal string, at most 12 decimal places',
    example: '0.0123',
  });

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
