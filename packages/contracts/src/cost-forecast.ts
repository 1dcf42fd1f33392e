import { spendDimensions } from './dimensions';
import { MoneySchema } from './money';
import { z } from './zod';

export const CostForecastQuerySchema = z
  .strictObject({
    dimension: z.enum(spendDimensions).optional().openapi({ description: 'Narrow the forecast to one tag value (with `value`)' }),
    value: z.string().min(1).max(200).optional(),
    budgetId: z.uuid().optional().openapi({ description: 'Forecast exactly this cap’s scope and period' }),
    includeSeries: z
      .enum(['true', 'false'])
      .optional()
      .transform((flag) => flag === 'true')
      .openapi({ description: 'Include the daily series the forecast was made from' }),
  })
  .superRefine((query, ctx) => {
    if (query.dimension && !query.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required with dimension' });
    if (query.value && !query.dimension) ctx.addIssue({ code: 'custom', path: ['dimension'], message: 'is required with value' });
    if (query.budgetId && (query.dimension || query.value)) {
      ctx.addIssue({ code: 'custom', path: ['budgetId'], message: 'cannot be combined with dimension/value (the cap defines the scope)' });
    }
  });
export type CostForecastQuery = z.infer<typeof CostForecastQuerySchema>;

const EstimateSchema = MoneySchema.openapi({ description: 'USD, an estimate rounded to the cent' });

export const CostForecastSchema = z
  .object({
    asOf: z.iso.datetime(),
    scope: z.object({
      dimension: z.enum([...spendDimensions, 'org']),
      value: z.string().nullable(),
      budgetId: z.uuid().nullable(),
    }),
    period: z.object({
      start: z.iso.datetime().openapi({ description: 'Start of the forecast period (inclusive)' }),
      end: z.iso.datetime().openapi({ description: 'End of the forecast period (exclusive)' }),
    }),
    currency: z.literal('USD'),
    spentToDateUsd: MoneySchema.openapi({ description: 'Exact spend in the period up to asOf (today’s partial day included)' }),
    projectedUsd: EstimateSchema.openapi({ description: 'Projected spend at the end of the period' }),
    interval: z
      .object({ p10: EstimateSchema, p50: EstimateSchema, p90: EstimateSchema })
      .nullable()
      .openapi({ description: 'Quantiles of the period-end total; null when degraded' }),
    caps: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        limitUsd: MoneySchema,
        breachProbability: z.number().min(0).max(1).nullable().openapi({ description: 'P(period-end spend > limit); null when degraded' }),
      }),
    ),
    daily: z.array(
      z.object({ date: z.iso.date(), meanUsd: EstimateSchema, lower80: EstimateSchema, upper80: EstimateSchema, lower95: EstimateSchema, upper95: EstimateSchema }),
    ),
    model: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'The fitted model as the forecaster reports it; null when degraded' }),
    degraded: z.boolean().openapi({ description: 'True when the forecaster could not answer and a run-rate projection was used' }),
    degradedReason: z.string().nullable(),
    lookbackDays: z.number().int(),
    series: z.array(z.object({ date: z.iso.date(), costUsd: MoneySchema })).optional(),
  })
  .openapi('CostForecast');
export type CostForecast = z.infer<typeof CostForecastSchema>;
