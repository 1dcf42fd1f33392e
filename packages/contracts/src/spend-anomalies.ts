import { spendDimensions } from './dimensions';
import { MoneySchema } from './money';
import { SignedMoneySchema } from './anomalies';
import { z } from './zod';

// The gateway's stored anomalies (the forecaster's answer is in anomalies.ts): one scope each, grown by later runs.

export const anomalyScopeDimensions = ['org', ...spendDimensions] as const;
export type AnomalyScopeDimension = (typeof anomalyScopeDimensions)[number];
export const anomalyStatuses = ['open', 'resolved'] as const;
export type AnomalyStatus = (typeof anomalyStatuses)[number];
export const anomalyVerdicts = ['expected', 'unexpected', 'planned'] as const;
export type AnomalyVerdict = (typeof anomalyVerdicts)[number];

export const AnomalyDriverSchema = z
  .object({
    dimension: z.enum(spendDimensions),
    value: z.string().nullable().openapi({ description: 'The tag or id; null for spend without that tag' }),
    expectedUsd: MoneySchema.openapi({ description: 'Median of the same hours in the previous weeks, USD' }),
    actualUsd: MoneySchema,
    excessUsd: SignedMoneySchema.openapi({ description: 'actualUsd − expectedUsd over the anomaly’s hours' }),
  })
  .openapi('AnomalyDriver');
export type AnomalyDriver = z.infer<typeof AnomalyDriverSchema>;

export const SpendAnomalySchema = z
  .object({
    id: z.uuid(),
    scope: z.object({
      dimension: z.enum(anomalyScopeDimensions).openapi({ description: '`org` for the org’s total spend' }),
      value: z.string().nullable().openapi({ description: 'The agent, model, team, project or cost center; null for `org`' }),
    }),
    start: z.iso.datetime().openapi({ description: 'Start of the first anomalous hour (inclusive)' }),
    end: z.iso.datetime().openapi({ description: 'End of the last anomalous hour (exclusive)' }),
    expectedUsd: MoneySchema,
    actualUsd: MoneySchema,
    impactUsd: SignedMoneySchema,
    score: z.number().min(0),
    direction: z.enum(['up', 'down']),
    status: z.enum(anomalyStatuses).openapi({ description: '`open` while the latest hour is still anomalous' }),
    feedback: z.enum(anomalyVerdicts).nullable(),
    drivers: z.array(AnomalyDriverSchema).openapi({ description: 'Per agent, model, team, project and cost center, largest excess first' }),
    detectedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('SpendAnomaly');
export type SpendAnomaly = z.infer<typeof SpendAnomalySchema>;

export const SpendAnomalyListSchema = z.object({ anomalies: z.array(SpendAnomalySchema) }).openapi('SpendAnomalyList');
export type SpendAnomalyList = z.infer<typeof SpendAnomalyListSchema>;

const InstantParamSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-02T14:00:00Z' });

export const SpendAnomaliesQuerySchema = z
  .strictObject({
    from: InstantParamSchema.optional().openapi({ description: 'Only anomalies ending after this instant' }),
    to: InstantParamSchema.optional().openapi({ description: 'Only anomalies starting before this instant' }),
    status: z.enum(anomalyStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((query) => query.from === undefined || query.to === undefined || Date.parse(query.to) > Date.parse(query.from), {
    path: ['to'],
    message: 'must be after from',
  });
export type SpendAnomaliesQuery = z.infer<typeof SpendAnomaliesQuerySchema>;

export const AnomalyFeedbackSchema = z
  .strictObject({
    verdict: z.enum(anomalyVerdicts).openapi({ description: '`planned` and `expected` stop further alerts for this anomaly' }),
  })
  .openapi('AnomalyFeedback');
export type AnomalyFeedback = z.infer<typeof AnomalyFeedbackSchema>;

export const AnomalyDetectionRunSchema = z
  .object({
    seriesEnd: z.iso.datetime().openapi({ description: 'End of the last whole hour judged' }),
    seriesJudged: z.number().int().min(0).openapi({ description: 'Series the forecaster judged: the total and each qualifying value' }),
    seriesFailed: z.number().int().min(0).openapi({ description: 'Series it could not judge; their anomalies stay as they were' }),
    failure: z.string().nullable().openapi({ description: 'Why, when some failed (the forecaster timed out, was unreachable, …)' }),
    detected: z.number().int().min(0).openapi({ description: 'New anomalies' }),
    updated: z.number().int().min(0).openapi({ description: 'Anomalies grown or resolved' }),
  })
  .openapi('AnomalyDetectionRun');
export type AnomalyDetectionRun = z.infer<typeof AnomalyDetectionRunSchema>;
