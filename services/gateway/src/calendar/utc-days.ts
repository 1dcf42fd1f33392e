export const DAY_MS = 86_400_000;

/** Midnight UTC of a `YYYY-MM-DD` date. */
export const utcMidnight = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** The UTC calendar date of an instant, as `YYYY-MM-DD` (which also sorts and compares as a string). */
export const toDateString = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Midnight UTC of the day that contains `instant`. */
export const startOfUtcDay = (instant: Date): Date => new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
