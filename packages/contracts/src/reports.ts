import { limits } from './limits';
import { spendDimensions, taggableDimensions, type SpendDimension } from './dimensions';
import { MoneySchema } from './money';
import { DAY_MS } from './utc-days';
import { z } from './zod';

/** Dimensions a report can group and filter by: every spend dimension. */
export type ReportDimension = SpendDimension;

export const reportGranularities = ['total', 'day', 'week', 'month'] as const;
export type ReportGranularity = (typeof reportGranularities)[number];

export const reportFormats = ['json', 'csv', 'focus'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportLimits = {
  /** Longest range, from and to inclusive: any calendar year fits. */
  maxRangeDays: 366,
  /** Most lines a report may have (groups x periods), so one request cannot exhaust the gateway's memory. */
  maxRows: 100_000,
  /** Decimal places of shares (0.123456 = 12.3456 %). */
  shareDecimalPlaces: 6,
} as const;

const ONCE = 'must be given once, as a single value';
// A repeated query parameter arrives as an array; only that case gets this message, checks keep their own.
const givenOnce = { error: (issue: { code: string }) => (issue.code === 'invalid_type' ? ONCE : undefined) };
const listOf = (values: readonly string[]) => values.join(', ');

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Spend starts after 1970; the day after the last allowed date must still have a four-digit year.
const MIN_YEAR = 1970;
const MAX_YEAR = 9998;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one), in the years reports cover. */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days from `from` to `to`, both included (dates YYYY-MM-DD). */
export function inclusiveDayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

const DateParamSchema = z
  .string(givenOnce)
  .refine(isCalendarDate, `must be a calendar date YYYY-MM-DD (UTC) from ${MIN_YEAR} to ${MAX_YEAR}, e.g. 2026-11-30`)
  .openapi({ format: 'date' });

/** A comma-separated list drawn from `allowed`, each at most once. */
function dimensionListSchema<const T extends readonly string[]>(allowed: T) {
  return z.string(givenOnce).transform((value, ctx) => {
    const names = value.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !allowed.includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be one or more of ${listOf(allowed)}, comma-separated; not allowed: ${unknown.map((name) => JSON.stringify(name)).join(', ')}`,
      });
      return z.NEVER;
    }
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    if (repeated.length > 0) {
      ctx.addIssue({ code: 'custom', message: `names ${[...new Set(repeated)].join(', ')} more than once` });
      return z.NEVER;
    }
    return names as T[number][];
  });
}

function oneOfSchema<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z.enum(allowed, { error: (issue) => (Array.isArray(issue.input) ? ONCE : `must be one of ${listOf(allowed)}`) });
}

const filterValueSchema = (maxLength: number) =>
  z
    .string(givenOnce)
    .min(1, 'must not be empty; to select spend without this tag use untagged=<dimension>')
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL (\\u0000) characters');

const bothDatesValid = (value: unknown): value is { from: string; to: string } => {
  const { from, to } = (value ?? {}) as Record<string, unknown>;
  return typeof from === 'string' && typeof to === 'string' && isCalendarDate(from) && isCalendarDate(to);
};

export const ReportQuerySchema = z
  .strictObject({
    groupBy: dimensionListSchema(spendDimensions)
      .optional()
      .openapi({
        type: 'string',
        description: `Dimensions to group by, comma-separated: ${listOf(spendDimensions)}. Default costCenter. Ignored by format=focus (fixed grain).`,
        example: 'costCenter,project',
      }),
    from: DateParamSchema.optional().openapi({
      description: 'First day, inclusive (UTC). Default: the first day of the month of `to` (of the current month when `to` is omitted too).',
      example: '2026-11-01',
    }),
    to: DateParamSchema.optional().openapi({
      description: `Last day, inclusive (UTC): to=2026-11-30 includes all of 30 November. Default: today (so everything up to now). At most ${reportLimits.maxRangeDays} days from \`from\`.`,
      example: '2026-11-30',
    }),
    granularity: oneOfSchema(reportGranularities)
      .optional()
      .openapi({ description: 'total (default), or one line per group and UTC day, week (Monday to Sunday) or calendar month' }),
    format: oneOfSchema(reportFormats)
      .optional()
      .openapi({ description: 'json (default; `Accept: text/csv` selects csv), csv, or focus (a FinOps FOCUS 1.2 CSV)' }),
    costCenter: filterValueSchema(limits.tagMaxLength).optional().openapi({ description: 'Only spend with this cost center' }),
    project: filterValueSchema(limits.tagMaxLength).optional().openapi({ description: 'Only spend with this project' }),
    team: filterValueSchema(limits.tagMaxLength).optional().openapi({ description: 'Only spend with this team', example: 'data-analytics' }),
    agentId: filterValueSchema(limits.identifierMaxLength).optional().openapi({ description: 'Only spend of this agent' }),
    modelId: filterValueSchema(limits.identifierMaxLength).optional().openapi({ description: 'Only spend on this model (case-insensitive)' }),
    untagged: dimensionListSchema(taggableDimensions)
      .optional()
      .openapi({
        type: 'string',
        description: `Only spend WITHOUT these tags, comma-separated: ${listOf(taggableDimensions)} (e.g. untagged=team)`,
        example: 'team',
      }),
  })
  .check(
    z.refine((query) => !(query.untagged ?? []).some((dimension) => query[dimension] !== undefined), {
      path: ['untagged'],
      message: 'names a dimension that is also filtered by value; use one or the other',
      when: (payload) => Array.isArray((payload.value as { untagged?: unknown } | undefined)?.untagged),
    }),
    z.refine((query) => !bothDatesValid(query) || query.to >= query.from, {
      path: ['to'],
      message: 'must not be before from',
      when: (payload) => bothDatesValid(payload.value),
    }),
    z.refine((query) => !bothDatesValid(query) || inclusiveDayCount(query.from, query.to) <= reportLimits.maxRangeDays, {
      path: ['to'],
      message: `makes the range longer than ${reportLimits.maxRangeDays} days (from and to are both included)`,
      when: (payload) => bothDatesValid(payload.value),
    }),
  );
export type ReportQuery = z.output<typeof ReportQuerySchema>;

const DateSchema = z.iso.date();

export const ReportPeriodSchema = z
  .object({ from: DateSchema, to: DateSchema })
  .openapi('ReportPeriod', { description: 'UTC dates, both inclusive' });
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

const RoundedMoneySchema = z
  .string()
  .regex(/^\d+\.\d{2}$/)
  .openapi({ description: 'US dollars to the cent; the rounded lines add up exactly to the rounded total', example: '12.35' });

const ShareSchema = z
  .string()
  .regex(/^[01]\.\d{6}$/)
  .nullable()
  .openapi({ description: 'Share of the total spend as a decimal string with 6 places (shares add up to exactly 1); null when the total is 0', example: '0.125000' });

const count = z.number().int().min(0);

const MeasuresSchema = z.object({
  spendUsd: MoneySchema.openapi({ description: 'Exact spend (sum of the stored trace costs)' }),
  spendUsdRounded: RoundedMoneySchema,
  shareOfTotal: ShareSchema,
  traceCount: count,
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  unsplitTokens: count.openapi({ description: 'Tokens reported only as a total (priced at the blended rate)' }),
  unpricedTraceCount: count.openapi({ description: 'Traces of unknown models, counted at cost 0' }),
  unpricedTokens: count,
});

export const ReportRowSchema = z
  .object({
    costCenter: z.string().optional(),
    project: z.string().optional(),
    team: z.string().optional(),
    agentId: z.string().optional(),
    modelId: z.string().optional(),
    period: ReportPeriodSchema.optional().openapi({ description: 'With a granularity: the period, cut to the report range' }),
    ...MeasuresSchema.shape,
  })
  .openapi('ReportRow', { description: 'One group (and period): a value for every grouped dimension' });
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const UnattributedSchema = z
  .object({
    label: z.literal('unattributed'),
    description: z.string().openapi({ example: 'Spend without a value for costCenter' }),
    ...MeasuresSchema.shape,
    byPeriod: z
      .array(z.object({ period: ReportPeriodSchema, ...MeasuresSchema.shape }))
      .optional()
      .openapi({ description: 'With a granularity: the unattributed spend of each period that has any' }),
  })
  .openapi('Unattributed', { description: 'Spend lacking at least one grouped tag; rows + unattributed = total, exactly' });
export type Unattributed = z.infer<typeof UnattributedSchema>;

export const ChargebackReportSchema = z
  .object({
    period: ReportPeriodSchema,
    groupBy: z.array(z.enum(spendDimensions)),
    granularity: z.enum(reportGranularities),
    filters: z
      .object({
        costCenter: z.string().nullable().optional(),
        project: z.string().nullable().optional(),
        team: z.string().nullable().optional(),
        agentId: z.string().optional(),
        modelId: z.string().optional(),
      })
      .openapi({ description: 'The filters applied; null means "without this tag"' }),
    currency: z.literal('USD'),
    totalUsd: MoneySchema,
    totalUsdRounded: RoundedMoneySchema,
    traceCount: count,
    periods: z
      .array(z.object({ period: ReportPeriodSchema, totalUsd: MoneySchema }))
      .optional()
      .openapi({ description: 'With a granularity: every period of the range, also those without spend' }),
    rows: z.array(ReportRowSchema).openapi({ description: 'By period, then spend (largest first), then group values' }),
    unattributed: UnattributedSchema,
    unpriced: z
      .object({
        traceCount: count,
        tokens: count,
        byModel: z.array(z.object({ modelId: z.string(), traceCount: count, tokens: count })),
      })
      .openapi({ description: 'Traces of models without a price: stored at cost 0 and counted here, never dropped' }),
    coverage: z
      .object({
        attributedUsd: MoneySchema,
        unattributedUsd: MoneySchema,
        attributedShare: ShareSchema,
      })
      .openapi({ description: 'How much of the spend carries every grouped tag' }),
  })
  .openapi('ChargebackReport');
export type ChargebackReport = z.infer<typeof ChargebackReportSchema>;
