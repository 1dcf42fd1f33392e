import type { BudgetDimension } from '@finops/contracts';

/** A monthly cap of the demo; its limit is sized from this month's spend and forecast so it shows its intended state. */
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

/**
 * How far above the projected rest of the month a demo limit sits: the status reads `projected_to_exceed` once the
 * breach probability reaches 0.5, so a limit of spend so far + 1.3 × the projected remainder keeps every demo cap out
 * of that state on any day of the month (the loader multiplies it again if the forecast still disagrees).
 */
export const DEMO_PROJECTION_HEADROOM = 1.3;

const SCALE = 10n ** 12n;

/** Parses an amount with up to 12 decimals into an integer of 10^-12 dollars (exact; money never goes through a float). */
function toPicoDollars(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(12, '0').slice(0, 12));
}

function centsToUsd(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/** Whole cents, rounded up, of numerator / denominator picodollars. */
function ceilCents(numerator: bigint, denominator: bigint): bigint {
  const cents = (numerator + denominator - 1n) / denominator;
  return cents > 0n ? cents : 1n;
}

/**
 * The limit, in whole cents rounded up, at which `spentUsd` is `targetPercent` % of it (at least one cent, since a
 * limit must be positive): e.g. 88 → a cap in `warning` with the default threshold of 0.8.
 */
export function demoBudgetLimitUsd(spentUsd: string, targetPercent: number): string {
  return centsToUsd(ceilCents(toPicoDollars(spentUsd) * 100n * 100n, BigInt(targetPercent) * SCALE));
}

export interface DemoCapSize {
  limitUsd: string;
  warnAt: number[];
}

/** The highest fraction with six decimals (the thresholds' storage) at or below spent / limit. */
function spentFraction(spentUsd: string, limitUsd: string): number {
  const millionths = (toPicoDollars(spentUsd) * 1_000_000n) / toPicoDollars(limitUsd);
  return Number(millionths) / 1_000_000;
}

/** spent + (projected − spent) × headroom, in whole cents rounded up. */
function withHeadroom(spentUsd: string, projectedUsd: string, headroom: number): string {
  const spent = toPicoDollars(spentUsd);
  const remaining = toPicoDollars(projectedUsd) - spent;
  const perMille = BigInt(Math.round(headroom * 1000));
  return centsToUsd(ceilCents(spent * 1000n + (remaining > 0n ? remaining : 0n) * perMille, 10n * SCALE));
}

/**
 * Sizes a demo cap from its month-to-date spend and (when the forecaster answered) its projected month end:
 * the limit puts spend at `targetPercent` % of it, but never below spend + headroom × the projected rest of the month,
 * so no demo cap is projected to exceed. Early in a month that floor leaves spend far below the warn thresholds, so the cap meant to be
 * in `warning` then warns at the share of the limit already spent (rounded down to the thresholds' six decimals):
 * the demo shows one cap in `warning` on any day, with spend that never alone decides its state.
 */
export function sizeDemoCap(budget: DemoBudget, spentUsd: string, projectedUsd: string | null, headroom: number): DemoCapSize {
  const bySpend = demoBudgetLimitUsd(spentUsd, budget.targetPercent);
  const byProjection = projectedUsd === null ? '0.01' : withHeadroom(spentUsd, projectedUsd, headroom);
  const limitUsd = toPicoDollars(bySpend) >= toPicoDollars(byProjection) ? bySpend : byProjection;
  if (!isMeantToWarn(budget)) return { limitUsd, warnAt: budget.warnAt };
  const share = spentFraction(spentUsd, limitUsd);
  const reached = budget.warnAt.filter((threshold) => threshold <= share);
  if (reached.length > 0 || share <= 0) return { limitUsd, warnAt: budget.warnAt };
  return { limitUsd, warnAt: [share] };
}

/** The demo cap whose target share of the limit reaches its lowest warn threshold. */
export function isMeantToWarn(budget: DemoBudget): boolean {
  return budget.targetPercent >= Math.min(...budget.warnAt) * 100;
}
