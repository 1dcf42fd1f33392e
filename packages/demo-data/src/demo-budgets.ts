import type { BudgetDimension } from '@finops/contracts';

/** A monthly cap of the demo; its limit is set from this month's spend so the caps sit near their limits. */
export interface DemoBudget {
  name: string;
  dimension: BudgetDimension;
  value?: string;
  warnAt: number[];
  /** This month's spend as a percentage of the limit when the demo is loaded (at or past 80: `warning`). */
  targetPercent: number;
}

export const DEMO_BUDGETS: readonly DemoBudget[] = [
  { name: 'Engineering AI spend', dimension: 'costCenter', value: 'engineering', warnAt: [0.8], targetPercent: 88 },
  { name: 'Customer success AI spend', dimension: 'costCenter', value: 'customer-success', warnAt: [0.8], targetPercent: 64 },
  { name: 'Research AI spend', dimension: 'costCenter', value: 'research', warnAt: [0.75, 0.9], targetPercent: 70 },
  { name: 'Whole org', dimension: 'org', warnAt: [0.8], targetPercent: 52 },
];

const SCALE = 10n ** 12n;

/** Parses an amount with up to 12 decimals into an integer of 10^-12 dollars (exact; money never goes through a float). */
function toPicoDollars(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(12, '0').slice(0, 12));
}

/**
 * The limit, in whole cents rounded up, at which `spentUsd` is `targetPercent` % of it (at least one cent, since a
 * limit must be positive): e.g. 88 → a cap in `warning` with the default threshold of 0.8.
 */
export function demoBudgetLimitUsd(spentUsd: string, targetPercent: number): string {
  const numerator = toPicoDollars(spentUsd) * 100n * 100n;
  const denominator = BigInt(targetPercent) * SCALE;
  const cents = (numerator + denominator - 1n) / denominator;
  const limitCents = cents > 0n ? cents : 1n;
  return `${limitCents / 100n}.${String(limitCents % 100n).padStart(2, '0')}`;
}
