import { formatCountOf, formatDay, formatPercent, formatShare, formatShortDay, formatUsd, formatUsdLine, formatUsdTick, formatUsdValue, roundingNote, roundToCents, subCent, tickDigits } from './format';

describe('money formatting', () => {
  test('when an exact amount is shown, then it is rounded half up to the cent as text, without float error', () => {
    expect(roundToCents('12.345')).toBe('12.35');
    expect(roundToCents('12.344999999999')).toBe('12.34');
    expect(roundToCents('0.005')).toBe('0.01');
    expect(roundToCents('1.005')).toBe('1.01'); // 1.005 as a float is 1.00499…, which toFixed would round down
    expect(roundToCents('7')).toBe('7.00');
    expect(roundToCents('0.000000000001')).toBe('0.00');
  });

  test('when an amount is formatted, then it has a dollar sign and thousands separators', () => {
    expect(formatUsd('1234567.891')).toBe('$1,234,567.89');
    expect(formatUsd('999.999')).toBe('$1,000.00');
    expect(formatUsd('0')).toBe('$0.00');
    expect(formatUsd('526.04')).toBe('$526.04');
  });
});

describe('amounts under a cent', () => {
  test('when an amount is under a cent, then it keeps two significant digits (half up) instead of reading as $0.00', () => {
    expect(subCent('0.0035')).toBe('0.0035');
    expect(subCent('0.003549')).toBe('0.0035');
    expect(subCent('0.00355')).toBe('0.0036');
    expect(subCent('0.000123')).toBe('0.00012');
    expect(subCent('0.0030')).toBe('0.003');
    expect(subCent('0.00999')).toBe('0.01');
    expect(formatUsd('0.0035')).toBe('$0.0035');
  });

  test('when an amount is zero or at least a cent, then it is rounded to the cent as before', () => {
    expect(subCent('0')).toBeNull();
    expect(subCent('0.000000')).toBeNull();
    expect(subCent('0.01')).toBeNull();
    expect(subCent('0.0150')).toBeNull();
    expect(subCent('3.0001')).toBeNull();
    expect(formatUsd('0.015')).toBe('$0.02');
  });

  test('when two $0.0035 lines got their allocated cents ($0.01 and $0.00), then both show $0.0035; lines of a cent or more keep the allocated cent', () => {
    expect(formatUsdLine('0.0035', '0.01')).toBe('$0.0035');
    expect(formatUsdLine('0.0035', '0.00')).toBe('$0.0035');
    expect(formatUsdLine('2.996', '3.00')).toBe('$3.00');
    expect(formatUsdLine('0', '0.00')).toBe('$0.00');
  });

  test('when the rounding is explained, then the note has the exact amount and the rule', () => {
    expect(roundingNote('1234.0035')).toBe(
      'Exact: $1,234.0035. Shown rounded to the cent (half up); amounts under a cent keep two significant digits. Table lines use cents allocated so they add up to the total.',
    );
  });

  test('when a chart value under a cent is shown in a tooltip, then it keeps two significant digits', () => {
    expect(formatUsdValue(0.0035)).toBe('$0.0035');
    expect(formatUsdValue(0.003)).toBe('$0.003');
    expect(formatUsdValue(0.00000012345)).toBe('$0.00000012');
    expect(formatUsdValue(1234.5)).toBe('$1,234.50');
    expect(formatUsdValue(0)).toBe('$0.00');
  });
});

describe('axis ticks and counts', () => {
  test('when the tick step is small, then ticks get as many decimals as the step, so neighbours never read the same', () => {
    expect(tickDigits(0.005)).toBe(3);
    expect(tickDigits(0.0002)).toBe(4);
    expect(tickDigits(0.01)).toBe(2);
    expect(tickDigits(0.5)).toBe(2);
    expect(tickDigits(0.1 + 0.2)).toBe(2);
    expect(tickDigits(200)).toBe(0);
    expect(tickDigits(1)).toBe(0);
    expect(tickDigits(0)).toBe(2);
    // The axis from the report: steps of $0.005 used to print "$0.01 $0.01 $0.02 $0.02".
    expect([0.005, 0.01, 0.015, 0.02].map((value) => formatUsdTick(value, 0.005))).toEqual(['$0.005', '$0.010', '$0.015', '$0.020']);
    expect(formatUsdTick(1200, 200)).toBe('$1,200');
    expect(formatUsdTick(2.5, 0.5)).toBe('$2.50');
  });

  test('when a count is shown with its noun, then one is singular and every other count plural', () => {
    expect(formatCountOf(1, 'trace')).toBe('1 trace');
    expect(formatCountOf(0, 'trace')).toBe('0 traces');
    expect(formatCountOf(29764, 'trace')).toBe('29,764 traces');
    expect(formatCountOf(2, 'day')).toBe('2 days');
  });
});

describe('shares, percentages and dates', () => {
  test('when a share string from the API is shown, then it is a percentage with one decimal; null is a dash', () => {
    expect(formatShare('0.576751')).toBe('57.7%');
    expect(formatShare('1.000000')).toBe('100.0%');
    expect(formatShare(null)).toBe('–');
    // Half up on the text: as floats, (0.0015 * 100).toFixed(1) is "0.1".
    expect(formatShare('0.0015')).toBe('0.2%');
    expect(formatShare('0.011500')).toBe('1.2%');
    expect(formatShare('0.999950')).toBe('100.0%');
    expect(formatShare('0')).toBe('0.0%');
  });

  test('when a ratio is shown, then small values keep a decimal and large ones do not', () => {
    expect(formatPercent(0.88)).toBe('88%');
    expect(formatPercent(0.035)).toBe('3.5%');
    expect(formatPercent(1.2)).toBe('120%');
    expect(formatPercent(0)).toBe('0%');
  });

  test('when a UTC date is shown, then it is that calendar day in any time zone, written the way the locale writes dates', () => {
    expect(formatDay('2026-11-01', 'en-GB')).toBe('1 Nov 2026');
    expect(formatDay('2026-11-01', 'en-US')).toBe('Nov 1, 2026');
    expect(formatDay('2026-11-30', 'de-DE')).toBe('30. Nov. 2026');
    expect(formatShortDay('2026-11-30', 'en-US')).toBe('Nov 30');
    expect(formatShortDay('2026-11-30', 'en-GB')).toBe('30 Nov');
  });
});
