import fc from 'fast-check';
import { Decimal, sumUsd } from './money';

const SCALE = 12;
// numeric(38,12): 26 integer digits and 12 decimal places, i.e. at most 10^38 − 1 trillionths.
const LARGEST_38_12 = 10n ** 38n - 1n;
const LARGEST_30_12 = 10n ** 30n - 1n;

/** A count of trillionths as the decimal string PostgreSQL would print (independent of decimal.js). */
function fromTrillionths(value: bigint, scale = SCALE): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return `${sign}${digits.slice(0, -scale)}${fraction ? `.${fraction}` : ''}`;
}

const amount38 = fc.bigInt({ min: 0n, max: LARGEST_38_12 });

describe('the money context', () => {
  test('when a trillionth is taken from a 21-digit amount, then no digit is lost (the default 20-digit context lost one)', () => {
    expect(new Decimal('123456789.123456789012').minus('0.000000000001').toFixed()).toBe('123456789.123456789011');
  });

  test('when amounts at the numeric(38,12) limit are added and subtracted, then the result equals exact integer arithmetic', () => {
    fc.assert(
      fc.property(amount38, amount38, amount38, (a, b, c) => {
        const expected = fromTrillionths(a + b - c);
        expect(new Decimal(fromTrillionths(a)).plus(fromTrillionths(b)).minus(fromTrillionths(c)).toFixed()).toBe(expected);
      }),
    );
  });

  test('when two numeric(38,12) amounts are multiplied, then all 76 significant digits are kept', () => {
    fc.assert(
      fc.property(amount38, amount38, (a, b) => {
        expect(new Decimal(fromTrillionths(a)).times(fromTrillionths(b)).toFixed()).toBe(fromTrillionths(a * b, 2 * SCALE));
      }),
    );
    const largest = fromTrillionths(LARGEST_38_12);
    expect(new Decimal(largest).times(largest).toFixed()).toBe(fromTrillionths(LARGEST_38_12 * LARGEST_38_12, 2 * SCALE));
  });

  test('when ten thousand largest numeric(30,12) amounts are summed, then the total is exact', () => {
    const largest = fromTrillionths(LARGEST_30_12);
    expect(sumUsd(Array.from({ length: 10_000 }, () => largest))).toBe(fromTrillionths(LARGEST_30_12 * 10_000n));
  });

  test('when a value is rounded to cents, then halves go to the even neighbour', () => {
    expect(['0.125', '0.135', '-0.125'].map((value) => new Decimal(value).toDecimalPlaces(2).toFixed(2))).toEqual(['0.12', '0.14', '-0.12']);
  });
});
