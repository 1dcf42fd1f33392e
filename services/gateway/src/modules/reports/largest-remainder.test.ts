import fc from 'fast-check';
import { Decimal } from '@finops/pricing';
import { allocateRounded, allocateShares } from './largest-remainder';

describe('allocateRounded', () => {
  test('when three thirds of a dollar are rounded to cents, then one of them gets the extra cent and they add up', () => {
    // Each is 0.3333…; the total 1.00 needs 100 cents, floors give 99, the tie goes to the first.
    const third = new Decimal(1).div(3);
    expect(allocateRounded([third, third, third], 2)).toEqual({ parts: ['0.34', '0.33', '0.33'], total: '1.00' });
  });

  test('when parts have different remainders, then the largest remainders get the missing cents', () => {
    // floors 2.67 + 1.33 + 0.12 + 0.50 = 4.62; total 4.639783… rounds to 4.64: two cents to the largest remainders.
    expect(allocateRounded(['2.676', '1.338783333333', '0.125', '0.5'], 2)).toEqual({ parts: ['2.68', '1.34', '0.12', '0.50'], total: '4.64' });
  });

  test('when rounding each part alone would overshoot the total, then the parts still add up to the rounded total', () => {
    // Individually 0.005 -> 0.01 (x3 = 0.03) but the total 0.015 rounds (half-even) to 0.02.
    expect(allocateRounded(['0.005', '0.005', '0.005'], 2)).toEqual({ parts: ['0.01', '0.01', '0.00'], total: '0.02' });
  });

  test('when there is nothing to allocate, then every part and the total are zero', () => {
    expect(allocateRounded([], 2)).toEqual({ parts: [], total: '0.00' });
    expect(allocateRounded(['0', '0'], 6)).toEqual({ parts: ['0.000000', '0.000000'], total: '0.000000' });
  });

  test('when an amount is negative, then it is refused (spend is never negative)', () => {
    expect(() => allocateRounded(['1', '-0.01'], 2)).toThrow(/non-negative/);
  });

  test('when amounts are arbitrary, then parts add up exactly to the rounded total and each is within one unit', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 20n }).map((units) => new Decimal(units.toString()).div('1e12'));
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), fc.integer({ min: 0, max: 8 }), (amounts, places) => {
        const { parts, total } = allocateRounded(amounts, places);
        const exactTotal = amounts.reduce((sum, value) => sum.add(value), new Decimal(0));
        expect(total).toBe(exactTotal.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places));
        expect(parts.reduce((sum, part) => sum.add(part), new Decimal(0)).toFixed(places)).toBe(total);
        parts.forEach((part, index) => expect(new Decimal(part).sub(amounts[index]!).abs().lt(new Decimal(10).pow(-places))).toBe(true));
      }),
    );
  });

  test('when the same amounts come in the same order, then the allocation is the same (deterministic)', () => {
    const amounts = ['0.125', '0.125', '0.125', '0.125'];
    expect(allocateRounded(amounts, 2)).toEqual(allocateRounded([...amounts], 2));
    expect(allocateRounded(amounts, 2).parts).toEqual(['0.13', '0.13', '0.12', '0.12']);
  });
});

describe('allocateShares', () => {
  test('when amounts are split three ways, then the shares add up to exactly 1, the extra unit to the earliest tie', () => {
    expect(allocateShares(['1', '1', '1'], 6)).toEqual(['0.333334', '0.333333', '0.333333']);
  });

  test('when shares have different remainders, then the largest remainders get the missing units', () => {
    // 2.676, 1.338783333333, 0.125 and 0.5 of 4.639783333333 (the golden report's lines).
    expect(allocateShares(['2.676', '1.338783333333', '0.125', '0.5'], 6)).toEqual(['0.576751', '0.288544', '0.026941', '0.107764']);
  });

  test('when the amounts add up to 0, then there are no shares', () => {
    expect(allocateShares(['0', '0'], 6)).toBeUndefined();
    expect(allocateShares([], 6)).toBeUndefined();
  });

  test('when amounts are arbitrary, then shares add up to exactly 1 and each is within one unit of the exact share', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 20n }).map((units) => new Decimal(units.toString()).div('1e12'));
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 40 }), (amounts) => {
        const total = amounts.reduce((sum, value) => sum.add(value), new Decimal(0));
        fc.pre(!total.isZero());
        const shares = allocateShares(amounts, 6)!;
        expect(shares.reduce((sum, share) => sum.add(share), new Decimal(0)).toFixed(6)).toBe('1.000000');
        shares.forEach((share, index) => expect(new Decimal(share).sub(amounts[index]!.div(total)).abs().lt('0.000001')).toBe(true));
      }),
    );
  });
});
