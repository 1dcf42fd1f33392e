import { limits } from './limits';
import { DAY_MS } from './utc-days';
import { z } from './zod';

// The forecaster's contract. Amounts here are JSON numbers (floats), unlike the decimal strings elsewhere: the
// forecast is an estimate computed in floating point; the gateway converts at its boundary.

const dayNumber = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;

const IsoDaySchema = z.iso.date('must be a calendar date YYYY-MM-DD').openapi({ example: '2025-06-14' });
const UsdAmountSchema = z.number().min(0).max(limits.forecastMaxAmountUsd);
const ProbabilitySchema = z.number().min(0).max(1);
/** Forecast amounts: finite (zod rejects NaN and ±Infinity) and non-negative, USD. */
const ForecastUsdSchema = z.number().min(0);

export const ForecastPointSchema = z
  .strictObject({
    date: IsoDaySchema,
    costUsd: UsdAmountSchema.openapi({ description: 'Spend on that day, USD (finite, non-negative)', example: 41.37 }),
  })
  .openapi('ForecastPoint');

export const ForecastCapSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(limits.identifierMaxLength).openapi({ example: 'cap_monthly_team' }),
    limitUsd: z.number().positive().max(limits.forecastMaxAmountUsd).openapi({ example: 1500 }),
  })
  .openapi('ForecastCap');

export const ForecastRequestSchema = z
  .strictObject({
    series: z
      .array(ForecastPointSchema)
      .min(1)
      .max(limits.forecastMaxPoints)
      .openapi({
        description:
          `Daily spend ending at the as-of day (its last date), at most ${limits.forecastMaxPoints} points spanning at ` +
          `most ${limits.forecastMaxPoints} days, in any order. A day missing between the first and last date counts ` +
          'as zero spend.',
      }),
    periodEnd: IsoDaySchema.openapi({
      description:
        `Last day to forecast (usually the month end), on or at most ${limits.forecastMaxHorizonDays} days after the ` +
        "last date of the series. The period is periodEnd's calendar month.",
      example: '2025-06-30',
    }),
    caps: z
      .array(ForecastCapSchema)
      .max(limits.forecastMaxCaps)
      .default([])
      .openapi({ description: 'Budget caps whose breach probability is wanted; may be empty' }),
  })
  .superRefine((request, ctx) => {
    const firstIndexOfDate = new Map<string, number>();
    request.series.forEach((point, i) => {
      const first = firstIndexOfDate.get(point.date);
      if (first === undefined) firstIndexOfDate.set(point.date, i);
      else ctx.addIssue({ code: 'custom', path: ['series', i, 'date'], message: `duplicates series[${first}].date` });
    });
    const days = request.series.map((point) => dayNumber(point.date));
    const firstDay = Math.min(...days);
    const lastDay = Math.max(...days);
    if (lastDay - firstDay + 1 > limits.forecastMaxPoints) {
      ctx.addIssue({ code: 'custom', path: ['series'], message: `must span at most ${limits.forecastMaxPoints} days` });
    }
    const periodEnd = dayNumber(request.periodEnd);
    if (periodEnd < lastDay) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before the last date of the series' });
    } else if (periodEnd - lastDay > limits.forecastMaxHorizonDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: `must be at most ${limits.forecastMaxHorizonDays} days after the last date of the series`,
      });
    }
    const firstIndexOfCap = new Map<string, number>();
    request.caps.forEach((cap, i) => {
      const first = firstIndexOfCap.get(cap.id);
      if (first === undefined) firstIndexOfCap.set(cap.id, i);
      else ctx.addIssue({ code: 'custom', path: ['caps', i, 'id'], message: `duplicates caps[${first}].id` });
    });
  })
  .openapi('ForecastRequest');
export type ForecastRequest = z.infer<typeof ForecastRequestSchema>;

const ordered = (values: number[]): boolean => values.every((value, i) => i === 0 || (values[i - 1] ?? value) <= value);

export const DailyForecastSchema = z
  .object({
    date: IsoDaySchema,
    meanUsd: ForecastUsdSchema,
    lower80: ForecastUsdSchema,
    upper80: ForecastUsdSchema,
    lower95: ForecastUsdSchema,
    upper95: ForecastUsdSchema,
  })
  .refine((d) => ordered([d.lower95, d.lower80, d.meanUsd, d.upper80, d.upper95]), {
    message: 'must satisfy lower95 ≤ lower80 ≤ meanUsd ≤ upper80 ≤ upper95',
  })
  .openapi('DailyForecast');

export const ForecastIntervalSchema = z
  .object({ p10: ForecastUsdSchema, p50: ForecastUsdSchema, p90: ForecastUsdSchema })
  .refine((i) => ordered([i.p10, i.p50, i.p90]), { message: 'must satisfy p10 ≤ p50 ≤ p90' })
  .openapi('ForecastInterval', { description: 'Quantiles of the month-end total, USD' });

export const CapForecastSchema = z
  .object({
    id: z.string(),
    limitUsd: z.number().positive(),
    breachProbability: ProbabilitySchema.openapi({ description: 'P(spent to date + remaining spend > limitUsd)' }),
  })
  .openapi('CapForecast');

export const ForecastModelSchema = z
  .object({
    method: z.string().openapi({ description: 'Best model by AICc, e.g. `ETS(M,Ad,M)`, or `mean`', example: 'ETS(M,N,M)' }),
    alpha: ProbabilitySchema.nullable(),
    beta: ProbabilitySchema.nullable(),
    gamma: ProbabilitySchema.nullable(),
    phi: ProbabilitySchema.nullable(),
    sigma: z.number().min(0).openapi({ description: 'Innovation standard deviation (USD/day, or relative for ETS(M,·,·))' }),
    aicc: z.number().nullable(),
    rmseUsd: z.number().min(0).openapi({ description: 'One-step in-sample RMSE of the best model, USD/day' }),
    mase: z.number().min(0).nullable().openapi({ description: 'One-step in-sample MASE against the weekly seasonal naive' }),
    points: z.number().int().min(0).openapi({ description: 'Days fitted, gaps filled with zero' }),
    seasonLength: z.number().int().positive(),
    ensemble: z.array(z.object({ method: z.string(), weight: ProbabilitySchema })).openapi({
      description: 'Models whose simulated paths make up the forecast, with their Akaike weights',
    }),
  })
  .openapi('ForecastModel');

export const ForecastResponseSchema = z
  .object({
    projectedMonthEndUsd: ForecastUsdSchema.openapi({ description: 'Spent in the period so far + mean forecast of its remaining days' }),
    spentToDateUsd: ForecastUsdSchema.openapi({ description: "Sum of the series inside periodEnd's calendar month" }),
    interval: ForecastIntervalSchema,
    daily: z.array(DailyForecastSchema).openapi({ description: 'Every day after the last date up to periodEnd' }),
    caps: z.array(CapForecastSchema),
    model: ForecastModelSchema,
  })
  .superRefine((forecast, ctx) => {
    if (forecast.projectedMonthEndUsd < forecast.spentToDateUsd) {
      ctx.addIssue({ code: 'custom', path: ['projectedMonthEndUsd'], message: 'must not be below spentToDateUsd' });
    }
    if (forecast.interval.p10 < forecast.spentToDateUsd) {
      ctx.addIssue({ code: 'custom', path: ['interval', 'p10'], message: 'must not be below spentToDateUsd' });
    }
    forecast.daily.forEach((day, i) => {
      const previous = forecast.daily[i - 1];
      if (previous && dayNumber(day.date) !== dayNumber(previous.date) + 1) {
        ctx.addIssue({ code: 'custom', path: ['daily', i, 'date'], message: 'must be the day after daily[i-1].date' });
      }
    });
  })
  .openapi('ForecastResponse');
export type ForecastResponse = z.infer<typeof ForecastResponseSchema>;
