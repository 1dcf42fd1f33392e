/** A report range: UTC calendar days `YYYY-MM-DD`, both included, as the report API takes them. */
export interface DateRange {
  from: string;
  to: string;
}

/** The report API's longest range (`reportLimits.maxRangeDays` in contracts; a unit test keeps them equal). */
export const MAX_RANGE_DAYS = 366;

// Browser code imports only types from contracts (its runtime would bring zod into the page), so contracts' DAY_MS
// is restated here.
const DAY_MS = 86_400_000;

export const RANGE_PRESETS = [
  { id: 'this-month', label: 'This month' },
  { id: 'last-30', label: 'Last 30 days' },
  { id: 'last-90', label: 'Last 90 days' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** Today's UTC date, the day reports and budgets count in. */
export function utcToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function dayCount(range: DateRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every day of the range, in order. */
export function daysOf(range: DateRange): string[] {
  return Array.from({ length: Math.max(0, dayCount(range)) }, (_, index) => addDays(range.from, index));
}

export function presetRange(preset: RangePreset, today: string): DateRange {
  switch (preset) {
    case 'this-month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last-30':
      return { from: addDays(today, -29), to: today };
    case 'last-90':
      return { from: addDays(today, -89), to: today };
  }
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** What is wrong with a range the user picked, in words for the page; null when the API will take it. */
export function rangeProblem(range: DateRange): string | null {
  if (!isDate(range.from)) return 'Pick a start date.';
  if (!isDate(range.to)) return 'Pick an end date.';
  if (range.to < range.from) return 'The end date is before the start date.';
  if (dayCount(range) > MAX_RANGE_DAYS) return `A report covers at most ${MAX_RANGE_DAYS} days; shorten the range.`;
  return null;
}
