import { spendDimensions, taggableDimensions } from './dimensions';
import { limits } from './limits';
import { CapLimitUsdInputSchema, MoneySchema } from './money';
import { storedColumns } from './stored-columns';
import { z } from './zod';

/** What a cap limits: spend tagged with one value of a dimension, or (`org`) the org's whole spend. */
export const budgetDimensions = [...spendDimensions, 'org'] as const;
export type BudgetDimension = (typeof budgetDimensions)[number];

/** Calendar periods in the cap's time zone; weeks start on Monday (ISO 8601), quarters in January, April, July, October. */
export const budgetPeriodTypes = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type BudgetPeriodType = (typeof budgetPeriodTypes)[number];

/** `warning` at or past a warn threshold, `exceeded` at or past the limit. */
export const budgetAlertStates = ['ok', 'warning', 'exceeded'] as const;
export type BudgetAlertState = (typeof budgetAlertStates)[number];

/**
 * Status adds one state computed from the forecast on every read (it is not recorded as an event, since a
 * probability moves with every trace): the cap is not yet exceeded but will more likely than not be.
 */
export const budgetStatusAlertStates = [...budgetAlertStates, 'projected_to_exceed'] as const;
export type BudgetStatusAlertState = (typeof budgetStatusAlertStates)[number];

/** Why an alert state changed: spend moved, a new period began, or the cap was created or changed. */
export const budgetAlertReasons = ['spend', 'period_rollover', 'cap_changed'] as const;
export type BudgetAlertReason = (typeof budgetAlertReasons)[number];

const DEFAULT_WARN_AT = [0.8];
const MAX_WARN_THRESHOLDS = 10;

// A fraction of the limit with no more decimals than its column holds, so it is compared exactly as sent.
const WARN_THRESHOLD_SCALE = storedColumns.warnThreshold.scale;
const WARN_THRESHOLD_PATTERN = new RegExp(`^\\d+(\\.\\d{1,${WARN_THRESHOLD_SCALE}})?$`);
const WarnThresholdSchema = z
  .number()
  .gt(0)
  .lt(1)
  .refine((value) => WARN_THRESHOLD_PATTERN.test(String(value)), `must have at most ${WARN_THRESHOLD_SCALE} decimal places`);

const WarnAtSchema = z
  .array(WarnThresholdSchema)
  .max(MAX_WARN_THRESHOLDS)
  .refine((values) => new Set(values).size === values.length, 'must not repeat a threshold')
  .transform((values) => [...values].sort((a, b) => a - b))
  .openapi({
    description: 'Fractions of the limit at which the state becomes `warning` (default [0.8]; [] for no warning)',
    example: [0.5, 0.8, 0.9],
  });

function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone name such as UTC, Europe/Berlin or Asia/Kolkata')
  .openapi({ description: 'IANA time zone the calendar periods follow (default UTC)', example: 'Europe/Berlin' });

const LimitUsdSchema = CapLimitUsdInputSchema.openapi({
  type: 'string',
  description: 'The cap in USD: a JSON number or a decimal string, greater than 0',
  example: 500,
});

const NameSchema = z.string().trim().min(1).max(200);

export const CreateBudgetSchema = z
  .strictObject({
    dimension: z.enum(budgetDimensions).openapi({ description: '`org` limits the whole spend of the org and takes no value' }),
    value: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(limits.identifierMaxLength)
      .optional()
      .openapi({ description: 'The dimension value, e.g. the cost center `finance`; required unless dimension is `org`', example: 'finance' }),
    limitUsd: LimitUsdSchema,
    periodType: z.enum(budgetPeriodTypes).default('monthly'),
    timezone: TimeZoneSchema.default('UTC'),
    name: NameSchema.optional().openapi({ example: 'Finance monthly AI spend' }),
    warnAt: WarnAtSchema.default(DEFAULT_WARN_AT),
  })
  .superRefine((budget, ctx) => {
    if (budget.dimension === 'org' && budget.value !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be omitted when dimension is org (the cap covers all spend)' });
    }
    if (budget.dimension !== 'org' && budget.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `is required when dimension is ${budget.dimension}` });
    }
    const tagLimit = (taggableDimensions as readonly string[]).includes(budget.dimension) ? limits.tagMaxLength : limits.identifierMaxLength;
    if (budget.value !== undefined && budget.value.length > tagLimit) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be at most ${tagLimit} characters` });
    }
  })
  .openapi('CreateBudget', {
    example: { dimension: 'costCenter', value: 'finance', limitUsd: '500', periodType: 'monthly', timezone: 'UTC', warnAt: [0.8] },
  });
export type CreateBudget = z.infer<typeof CreateBudgetSchema>;

export const UpdateBudgetSchema = z
  .strictObject({
    limitUsd: LimitUsdSchema.optional(),
    warnAt: WarnAtSchema.optional(),
    timezone: TimeZoneSchema.optional(),
    name: NameSchema.nullable().optional().openapi({ description: 'null removes the name' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'must change at least one of limitUsd, warnAt, timezone, name',
    // Only for a body that is otherwise valid: an unknown field alone is reported as that, not also as "empty".
    when: (payload) => payload.issues.length === 0,
  })
  .openapi('UpdateBudget', { description: 'Dimension, value and period type are fixed; create another cap to change them.' });
export type UpdateBudget = z.infer<typeof UpdateBudgetSchema>;

export const BudgetSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    dimension: z.enum(budgetDimensions),
    value: z.string().nullable().openapi({ description: 'null for the org dimension' }),
    limitUsd: MoneySchema,
    periodType: z.enum(budgetPeriodTypes),
    timezone: z.string(),
    warnAt: z.array(z.number()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Budget');
export type Budget = z.infer<typeof BudgetSchema>;

export const BudgetListSchema = z.object({ budgets: z.array(BudgetSchema) }).openapi('BudgetList');
export type BudgetList = z.infer<typeof BudgetListSchema>;

export const BudgetStatusSchema = z
  .object({
    budgetId: z.uuid(),
    name: z.string().nullable(),
    dimension: z.enum(budgetDimensions),
    value: z.string().nullable(),
    periodType: z.enum(budgetPeriodTypes),
    timezone: z.string(),
    periodStart: z.iso.datetime().openapi({ description: 'Start of the current period (inclusive)' }),
    periodEnd: z.iso.datetime().openapi({ description: 'End of the current period (exclusive)' }),
    spentUsd: MoneySchema.openapi({ description: 'Spend in the period; the same figure a report gives for this period and filter' }),
    limitUsd: MoneySchema,
    remainingUsd: MoneySchema.openapi({ description: 'limitUsd − spentUsd, and 0 once the limit is reached' }),
    utilization: z.number().openapi({ description: 'spentUsd / limitUsd, rounded to 6 decimals (1.2 = 20% over)' }),
    warnAt: z.array(z.number()),
    alertState: z.enum(budgetStatusAlertStates).openapi({
      description:
        '`ok`, `warning` (a warn threshold reached), `exceeded` (limit reached), or `projected_to_exceed` (monthly caps: ' +
        'not exceeded yet, but the forecast’s breach probability is at or above the configured threshold, 0.5 by default)',
    }),
    warnThreshold: z.number().nullable().openapi({ description: 'The highest warn threshold reached while in `warning`' }),
    alertStateSince: z.iso.datetime().openapi({ description: 'When the spend-based alert state last changed' }),
    projectedUsd: MoneySchema.nullable().openapi({ description: 'Monthly caps: projected spend at the period end (an estimate, to the cent)' }),
    breachProbability: z.number().min(0).max(1).nullable().openapi({
      description: 'Monthly caps: probability that period-end spend exceeds the limit; null for other periods or when the forecaster was unavailable',
    }),
    forecastDegraded: z.boolean().nullable().openapi({ description: 'Monthly caps: true when the projection is a run-rate fallback' }),
  })
  .openapi('BudgetStatus');
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;

export const BudgetStatusListSchema = z
  .object({ asOf: z.iso.datetime(), budgets: z.array(BudgetStatusSchema) })
  .openapi('BudgetStatusList');
export type BudgetStatusList = z.infer<typeof BudgetStatusListSchema>;

export const BudgetAlertEventSchema = z
  .object({
    id: z.uuid().openapi({ description: 'Stable id: the same in the API and in every webhook delivery of this event' }),
    type: z.string().openapi({ description: '`budget.` + the new state', example: 'budget.exceeded' }),
    budgetId: z.uuid(),
    budgetName: z.string().nullable(),
    dimension: z.enum(budgetDimensions),
    value: z.string().nullable(),
    periodType: z.enum(budgetPeriodTypes),
    timezone: z.string(),
    periodStart: z.iso.datetime(),
    periodEnd: z.iso.datetime(),
    fromState: z.enum(budgetAlertStates),
    toState: z.enum(budgetAlertStates),
    fromThreshold: z.number().nullable(),
    toThreshold: z.number().nullable(),
    reason: z.enum(budgetAlertReasons),
    spentUsd: MoneySchema,
    limitUsd: MoneySchema,
    occurredAt: z.iso.datetime().openapi({ description: 'When the change was detected' }),
  })
  .openapi('BudgetAlertEvent');
export type BudgetAlertEvent = z.infer<typeof BudgetAlertEventSchema>;

export const BudgetAlertEventListSchema = z
  .object({
    events: z.array(BudgetAlertEventSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for older events; null on the last page' }),
  })
  .openapi('BudgetAlertEventList');
export type BudgetAlertEventList = z.infer<typeof BudgetAlertEventListSchema>;

export const BudgetAlertEventsQuerySchema = z.strictObject({
  budgetId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a nextCursor value from an earlier page')
    .optional(),
});
export type BudgetAlertEventsQuery = z.infer<typeof BudgetAlertEventsQuerySchema>;
