import { formatDay, formatPercent, formatShare, formatUsd, roundToCents } from './format';

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

describe('shares, percentages and dates', () => {
  test('when a share string from the API is shown, then it is a percentage with one decimal; null is a dash', () => {
    expect(formatShare('0.576751')).toBe('57.7%');
    expect(formatShare('1.000000')).toBe('100.0%');
    expect(formatShare(null)).toBe('–');
  });

  test('when a ratio is shown, then small values keep a decimal and large ones do not', () => {
    expect(formatPercent(0.88)).toBe('88%');
    expect(formatPercent(0.035)).toBe('3.5%');
    expect(formatPercent(1.2)).toBe('120%');
    expect(formatPercent(0)).toBe('0%');
  });

  test('when a UTC date is shown, then it is that calendar day in any time zone', () => {
    expect(formatDay('2026-11-01')).toBe('1 Nov 2026');
  });
});
