import type { BudgetAlertState } from '@finops/contracts';
import { Decimal } from '@finops/pricing';


/** Where spend stands against a cap: the state, and in `warning` the highest warn threshold reached. */
export interface AlertLevel {
  state: BudgetAlertState;
  /** A fraction of the limit as a canonical decimal string ("0.8"); null unless the state is `warning`. */
  threshold: string | null;
}

/** "0.800000" and "0.8" are the same threshold; this is the one form levels carry. */
export function canonicalFraction(value: string | number): string {
  return new Decimal(value).toFixed();
}

/**
 * `exceeded` when spent ≥ limit; otherwise `warning` at the highest threshold t with spent ≥ t × limit; else `ok`.
 * "At or past" on both, so a cap of $500 warned at 0.8 is in `warning` from exactly $400.
 */
export function alertLevelOf(spentUsd: string, limitUsd: string, warnAt: readonly string[]): AlertLevel {
  const spent = new Decimal(spentUsd);
  const limit = new Decimal(limitUsd);
  if (spent.gte(limit)) return { state: 'exceeded', threshold: null };
  const reached = warnAt.map((t) => new Decimal(t)).filter((t) => spent.gte(limit.mul(t)));
  if (reached.length === 0) return { state: 'ok', threshold: null };
  return { state: 'warning', threshold: Decimal.max(...reached).toFixed() };
}

export function sameLevel(a: AlertLevel, b: AlertLevel): boolean {
  return a.state === b.state && (a.threshold === null ? b.threshold === null : b.threshold !== null && new Decimal(a.threshold).eq(b.threshold));
}

/** spent / limit rounded to 6 decimals: a ratio for display, not money. */
export function utilizationOf(spentUsd: string, limitUsd: string): number {
  return new Decimal(spentUsd).div(limitUsd).toDecimalPlaces(6).toNumber();
}

/** What is left before the limit; 0 once it is reached (utilization shows by how much it was passed). */
export function remainingUsd(spentUsd: string, limitUsd: string): string {
  return Decimal.max(new Decimal(limitUsd).sub(spentUsd), 0).toFixed();
}

/** The larger of two spend figures (spend in a period only grows: traces are never deleted). */
export function maxUsd(a: string, b: string): string {
  return Decimal.max(a, b).toFixed();
}
