// The UTC calendar every service and package counts days in (reports, budgets, forecasts, the demo data).
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Midnight UTC of a `YYYY-MM-DD` date. */
export const utcMidnight = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** The UTC calendar date of an instant, as `YYYY-MM-DD` (which also sorts and compares as a string). */
export const toDateString = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Midnight UTC of the day that contains `instant`. */
export const startOfUtcDay = (instant: Date): Date => new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
