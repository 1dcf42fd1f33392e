/**
 * Display formatting. Amounts arrive as decimal strings and are rounded and grouped as text, so what the page shows
 * is exactly what the API says; only chart geometry uses floats (see `toChartNumber`).
 */

/** Rounds a non-negative decimal string to cents, half up: "12.345" → "12.35". */
export function roundToCents(amount: string): string {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  const digits = BigInt(`${whole}${fraction.padEnd(3, '0').slice(0, 3)}`);
  const cents = (digits + 5n) / 10n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/** Thousands separators for the whole part of a decimal string: "1234567.80" → "1,234,567.80". */
function groupThousands(amount: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** "$1,234.57" from a decimal string in USD (rounded to the cent). */
export function formatUsd(amount: string): string {
  return `$${groupThousands(roundToCents(amount))}`;
}

/**
 * A float for chart geometry only (bar heights, axis positions). Labels and tables keep the decimal strings: a float
 * can be off in the last places, a drawn pixel cannot.
 */
export function toChartNumber(amount: string): number {
  return Number(amount);
}

/** Axis ticks and tooltips: "$1,234" for large amounts, "$12.35" for small ones. */
export function formatUsdTick(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : 2;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** A share as the API writes it ("0.576751") → "57.7%"; null (no spend at all) → "–". */
export function formatShare(share: string | null): string {
  if (share === null) return '–';
  return `${(Number(share) * 100).toFixed(1)}%`;
}

/** A ratio such as a utilization (0.88) or a probability (0.35) → "88%" / "35%". */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** "2026-11-29" → "29 Nov 2026" (dates are UTC calendar days on the wire). */
export function formatDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-11-29" → "29 Nov" for axis labels. */
export function formatShortDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Integer counts with separators: 29764 → "29,764". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
