import { limits } from './limits';
import { MoneySchema } from './money';
import { DAY_MS, HOUR_MS } from './utc-days';
import { z } from './zod';

// The forecaster's anomaly contract. Costs come in as JSON numbers, as in the forecast contract (forecast.ts): the
// detection is floating-point statistics. Amounts go out as decimal strings rounded to the cent, so a client adds
// and compares them without float error and impactUsd is exactly actualUsd − expectedUsd.

export const anomalyGranularities = ['hour', 'day'] as const;
export const anomalySensitivities = ['low', 'normal', 'high'] as const;

const stepMs = { hour: HOUR_MS, day: DAY_MS } as const;
const maxPoints = { hour: limits.anomalyMaxHourlyPoints, day: limits.anomalyMaxDailyPoints } as const;

const InstantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-02T14:00:00Z' });

export const AnomalyPointSchema = z
  .strictObject({
    start: InstantSchema.openapi({ description: 'Start of the hour or day (UTC), ISO-8601', example: '2026-11-02T14:00:00Z' }),
    costUsd: z
      .number()
      .min(0)
      .max(limits.forecastMaxAmountUsd)
      .openapi({ description: 'Spend in that hour or day, USD (finite, non-negative)', example: 12.5 }),
  })
  .openapi('AnomalyPoint');

export const AnomalyDetectionRequestSchema = z
  .strictObject({
    granularity: z.enum(anomalyGranularities).openapi({ description: 'One point per UTC hour or per UTC day' }),
    series: z
      .array(AnomalyPointSchema)
      .min(1)
      .max(Math.max(limits.anomalyMaxHourlyPoints, limits.anomalyMaxDailyPoints))
      .openapi({
        description:
          `Consecutive points in increasing order, each starting one hour (one day) after the one before, on a UTC ` +
          `hour (midnight UTC) boundary, with no gap and no repeat: send 0 for a period without spend. At most ` +
          `${limits.anomalyMaxHourlyPoints} hourly points (60 days) or ${limits.anomalyMaxDailyPoints} daily ones. ` +
          'Points are judged once three weeks of history precede them.',
      }),
    sensitivity: z
      .enum(anomalySensitivities)
      .default('normal')
      .openapi({ description: 'How eager the detector is: `high` reports everything `normal` does, and smaller anomalies' }),
  })
  .superRefine((request, ctx) => {
    const step = stepMs[request.granularity];
    const unit = request.granularity === 'hour' ? 'a UTC hour (minutes, seconds and fractions zero)' : 'a UTC day (midnight UTC)';
    const most = maxPoints[request.granularity];
    if (request.series.length > most) {
      ctx.addIssue({ code: 'custom', path: ['series'], message: `must have at most ${most} points for granularity ${request.granularity}` });
    }
    let previous = NaN;
    request.series.forEach((point, i) => {
      const at = Date.parse(point.start);
      if (at % step !== 0) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'start'], message: `must be the start of ${unit}` });
      } else if (i > 0 && !Number.isNaN(previous)) {
        const gap = at - previous;
        if (gap === 0) ctx.addIssue({ code: 'custom', path: ['series', i, 'start'], message: `duplicates series[${i - 1}].start` });
        else if (gap < 0) ctx.addIssue({ code: 'custom', path: ['series', i, 'start'], message: `must be after series[${i - 1}].start (points in increasing order)` });
        else if (gap !== step) {
          ctx.addIssue({
            code: 'custom',
            path: ['series', i, 'start'],
            message: `must be one ${request.granularity} after series[${i - 1}].start (no gaps: send 0 for ${request.granularity === 'hour' ? 'an hour' : 'a day'} without spend)`,
          });
        }
      }
      previous = at % step === 0 ? at : NaN;
    });
  })
  .openapi('AnomalyDetectionRequest');
export type AnomalyDetectionRequest = z.infer<typeof AnomalyDetectionRequestSchema>;

/** A signed USD amount: a decimal string, negative for spend below what was expected. */
export const SignedMoneySchema = z
  .string()
  .regex(/^-?(0|[1-9]\d*)(\.\d{1,12})?$/)
  .refine((amount) => !/^-0(\.0*)?$/.test(amount), 'must not be negative zero')
  .openapi({ description: 'US dollars as a decimal string, negative below zero (never a float)', example: '-41.5' });

const EstimateSchema = MoneySchema.openapi({ description: 'USD, rounded to the cent' });

export const ReportedAnomalySchema = z
  .object({
    start: z.iso.datetime().openapi({ description: 'Start of the first anomalous point (inclusive)', example: '2026-11-24T09:00:00.000Z' }),
    end: z.iso.datetime().openapi({
      description: 'End of the last anomalous point (exclusive): the end of the series when the anomaly is still going on',
      example: '2026-11-24T14:00:00.000Z',
    }),
    expectedUsd: EstimateSchema.openapi({ description: 'What the anomalous points were expected to cost together, USD' }),
    actualUsd: EstimateSchema.openapi({ description: 'What they cost, USD' }),
    impactUsd: SignedMoneySchema.openapi({ description: 'actualUsd − expectedUsd: positive going up, negative going down' }),
    score: z.number().min(0).openapi({ description: 'Largest robust z-score inside the anomaly (σ of log residuals)', example: 23.4 }),
    direction: z.enum(['up', 'down']),
  })
  .superRefine((anomaly, ctx) => {
    if (Date.parse(anomaly.end) <= Date.parse(anomaly.start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    const negative = anomaly.impactUsd.startsWith('-');
    if (anomaly.direction === 'up' ? negative || anomaly.impactUsd === '0' : !negative) {
      ctx.addIssue({ code: 'custom', path: ['impactUsd'], message: `must be ${anomaly.direction === 'up' ? 'positive' : 'negative'} for direction ${anomaly.direction}` });
    }
  })
  .openapi('ReportedAnomaly');
export type ReportedAnomaly = z.infer<typeof ReportedAnomalySchema>;

export const AnomalyModelSchema = z
  .object({
    name: z.literal('seasonal-median').openapi({
      description:
        'Expectation: median of the same hour of week (day of week) over the previous weeks, times a level ' +
        'correction; scale: 1.4826·MAD of the log residuals; spike, level (slow growth) and drop tests',
    }),
    granularity: z.enum(anomalyGranularities),
    sensitivity: z.enum(anomalySensitivities),
    seasonality: z.object({
      period: z.literal('week'),
      seasonLength: z.number().int().positive().openapi({ description: 'Points per week: 168 hourly, 7 daily', example: 168 }),
      maxSeasons: z.number().int().positive().openapi({ description: 'Most earlier weeks the expectation is the median of', example: 4 }),
      minSeasons: z.number().int().positive().openapi({ description: 'Earlier weeks a point needs before it is judged', example: 3 }),
    }),
    firstJudged: z.iso.datetime().nullable().openapi({ description: 'Start of the first point judged; null when the series is shorter than minSeasons weeks' }),
    pointsJudged: z.number().int().min(0),
    impactFloorUsd: EstimateSchema.openapi({
      description:
        'Smallest |impact| reported, at the end of the series: the larger of a fixed amount and a multiple of the typical ' +
        'spend per point (each anomaly is held to the floor of its own start)',
    }),
    typicalUsd: EstimateSchema.nullable().openapi({ description: 'Typical spend per point at the end of the series (mean expectation over the last week)' }),
    noiseSigma: z.number().min(0).nullable().openapi({ description: 'Robust σ of the log residuals at the end of the series' }),
  })
  .openapi('AnomalyModel');

export const AnomalyDetectionResponseSchema = z
  .object({
    anomalies: z.array(ReportedAnomalySchema).openapi({ description: 'In order of start; empty when nothing is anomalous' }),
    model: AnomalyModelSchema,
  })
  .openapi('AnomalyDetectionResponse');
export type AnomalyDetectionResponse = z.infer<typeof AnomalyDetectionResponseSchema>;
