/**
 * Display formatting. Amounts arrive as decimal strings and are rounded and grouped as text, so what the page shows
 * is exactly what the API says; only chart geometry uses floats (see `toChartNumber`).
 */

/** Rounds a non-negative decimal string to `places` decimals (at least 1), half up, as text: no float on the way. */
function roundHalfUp(amount: string, places: number): string {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  const scaled = (BigInt(`${whole}${fraction.padEnd(places + 1, '0').slice(0, places + 1)}`) + 5n) / 10n;
  const unit = 10n ** BigInt(places);
  return `${scaled / unit}.${String(scaled % unit).padStart(places, '0')}`;
}

/** Rounds a non-negative decimal string to cents, half up: "12.345" → "12.35". */
export function roundToCents(amount: string): string {
  return roundHalfUp(amount, 2);
}

/** Thousands separators for the whole part of a decimal string: "1234567.80" → "1,234,567.80". */
function groupThousands(amount: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * An amount under a cent to two significant digits, half up: "0.0035" → "0.0035", "0.000123" → "0.00012"; null when
 * the amount is zero or at least a cent (rounding to cents hides nothing there).
 */
export function subCent(amount: string): string | null {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  const firstDigit = fraction.search(/[1-9]/);
  if (/[1-9]/.test(whole) || firstDigit < 2) return null;
  const kept = firstDigit + 2;
  const rounded = (BigInt(fraction.padEnd(kept + 1, '0').slice(0, kept + 1)) + 5n) / 10n;
  const digits = String(rounded).padStart(kept, '0').replace(/0+$/, '');
  return `0.${digits.padEnd(2, '0')}`;
}

/** "$1,234.57" from a decimal string in USD: rounded to the cent, or to two significant digits under a cent. */
export function formatUsd(amount: string): string {
  return `$${subCent(amount) ?? groupThousands(roundToCents(amount))}`;
}

/**
 * A breakdown line: the API's cent (allocated so the lines add up to the total) unless the exact amount is under a
 * cent, where that cent would read as $0.00 or $0.01 for the same spend.
 */
export function formatUsdLine(exact: string, roundedToCent: string): string {
  return subCent(exact) === null ? formatUsd(roundedToCent) : formatUsd(exact);
}

/** The rounding rule, for a title attribute on a shown amount. */
export function roundingNote(exact: string): string {
  return `Exact: $${groupThousands(exact.trim())}. Shown rounded to the cent (half up); amounts under a cent keep two significant digits. Table lines use cents allocated so they add up to the total.`;
}

/**
 * A float for chart geometry only (bar heights, axis positions). Labels and tables keep the decimal strings: a float
 * can be off in the last places, a drawn pixel cannot.
 */
export function toChartNumber(amount: string): number {
  return Number(amount);
}

/**
 * Decimals an axis needs so neighbouring ticks never read the same: as many as the step between them has ("0.005" →
 * 3), whole dollars for steps of a dollar or more, and cents rather than dimes ("$0.50", not "$0.5").
 */
export function tickDigits(step: number): number {
  if (!(step > 0)) return 2;
  for (let digits = 0; digits < 8; digits++) {
    const scaled = step * 10 ** digits;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * scaled) return digits === 1 ? 2 : digits;
  }
  return 8;
}

/** An axis tick: "$1,234" on a step of $200, "$0.015" on a step of $0.005. */
export function formatUsdTick(value: number, step: number): string {
  const digits = tickDigits(step);
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** A tooltip value (a float from the chart): to the cent, or to two significant digits under a cent. */
export function formatUsdValue(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) return `$${value.toLocaleString('en-US', { maximumSignificantDigits: 2 })}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A share as the API writes it ("0.576751") → "57.7%"; null (no spend at all) → "–". */
export function formatShare(share: string | null): string {
  if (share === null) return '–';
  // As text: as floats, (0.0015 * 100).toFixed(1) is "0.1", not "0.2".
  const [whole = '0', fraction = '000'] = roundHalfUp(share, 3).split('.');
  return `${BigInt(`${whole}${fraction.slice(0, 2)}`)}.${fraction.slice(2)}%`;
}

/** A ratio such as a utilization (0.88) or a probability (0.35) → "88%" / "35%". */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/**
 * "2026-11-29" → "29 Nov 2026" (en-GB), "Nov 29, 2026" (en-US): in the browser's locale, the one its date inputs
 * use, so the page never shows one day two ways. Dates are UTC calendar days on the wire.
 */
export function formatDay(date: string, locale?: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-11-29" → "29 Nov" / "Nov 29" for axis labels, in the browser's locale. */
export function formatShortDay(date: string, locale?: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Integer counts with separators: 29764 → "29,764". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A count with its noun: "1 trace", "29,764 traces". */
export function formatCountOf(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
