import { HOUR_MS, spendDimensions, type AnomalyDriver, type SpendDimension } from '@finops/contracts';
import { Decimal } from '@finops/pricing';
import type { AnomalyScope } from './anomaly';
import type { SpendReader } from './anomaly-series';

const WEEK_MS = 7 * 24 * HOUR_MS;
/** As many weeks as the detector's expectation looks back (its maxSeasons), so both judge against the same past. */
const PREVIOUS_WEEKS = 4;
/** Enough to see where an excess went; the long tail of small values says nothing. */
const DRIVERS_PER_DIMENSION = 5;

/** A decimal string for the API: at most 12 places (the storage scale), never "-0". */
export function usdString(amount: Decimal): string {
  const rounded = amount.toDecimalPlaces(12);
  return rounded.isZero() ? '0' : rounded.toFixed();
}

function median(values: Decimal[]): Decimal {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).div(2);
}

/**
 * Where the excess of [start, end) went: per value of each dimension, the spend in those hours against the median of
 * the same hours 1 to 4 weeks earlier (hour of week is the strongest pattern in agent traffic), the values that moved
 * most in the anomaly's direction first. Within the scope: an agent's anomaly is broken down by that agent's spend.
 */
export async function findDrivers(read: SpendReader, scope: AnomalyScope, start: Date, end: Date, direction: 'up' | 'down'): Promise<AnomalyDriver[]> {
  const filters = scope.dimension === 'org' ? {} : { [scope.dimension]: scope.value };
  // sums.get(dimension).get(value)[k]: spend of that value k weeks before the anomaly (k = 0 is the anomaly itself).
  const sums = new Map<SpendDimension, Map<string | null, Decimal[]>>(spendDimensions.map((dimension) => [dimension, new Map()]));
  for (let k = 0; k <= PREVIOUS_WEEKS; k++) {
    const rows = await read({ from: new Date(start.getTime() - k * WEEK_MS), to: new Date(end.getTime() - k * WEEK_MS), groupBy: [...spendDimensions], filters });
    for (const row of rows) {
      for (const dimension of spendDimensions) {
        const byValue = sums.get(dimension)!;
        const value = row.group[dimension] ?? null;
        const weeks = byValue.get(value) ?? Array.from({ length: PREVIOUS_WEEKS + 1 }, () => new Decimal(0));
        weeks[k] = weeks[k]!.plus(row.spendUsd);
        byValue.set(value, weeks);
      }
    }
  }
  const sign = direction === 'up' ? 1 : -1;
  return spendDimensions.flatMap((dimension) =>
    [...sums.get(dimension)!]
      .map(([value, weeks]) => {
        const expected = median(weeks.slice(1));
        return { dimension, value, expected, actual: weeks[0]!, excess: weeks[0]!.minus(expected) };
      })
      .sort((a, b) => sign * b.excess.comparedTo(a.excess))
      .slice(0, DRIVERS_PER_DIMENSION)
      .map((driver) => ({
        dimension: driver.dimension,
        value: driver.value,
        expectedUsd: usdString(driver.expected),
        actualUsd: usdString(driver.actual),
        excessUsd: usdString(driver.excess),
      })),
  );
}
