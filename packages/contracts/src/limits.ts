import { storedColumns } from './stored-columns';

/** Documented limits, shared by validation, the OpenAPI document and the README. */
export const limits = {
  tagMaxLength: 128,
  identifierMaxLength: 200,
  traceTextMaxLength: 32_768,
  metadataMaxBytes: 8_192,
  /** Deepest nesting of objects and arrays in a JSON body, checked before parsing. */
  jsonMaxDepth: 64,
  idempotencyKeyMaxLength: 255,
  /** otlp_attribute_mappings.attribute_key is varchar(255); OpenTelemetry itself sets no limit on attribute keys. */
  otlpAttributeKeyMaxLength: 255,
  tokensMax: storedColumns.traceTokens.max,
  batchMaxTraces: 1_000,
  /** How far in the future `occurredAt` may lie, to absorb clock skew between agents and the gateway. */
  occurredAtMaxFutureSkewMs: 5 * 60 * 1000,
  /** Daily points in one forecast request, and the most days its series may span (two years). */
  forecastMaxPoints: 730,
  /** How far after the last date of the series `periodEnd` may lie (two months). */
  forecastMaxHorizonDays: 62,
  forecastMaxCaps: 100,
  /** Largest daily cost or cap accepted by the forecaster, in USD (keeps sums far from float overflow). */
  forecastMaxAmountUsd: 1e12,
  /** Points in one anomaly detection request: 60 days of hours, or 400 days. */
  anomalyMaxHourlyPoints: 1_440,
  anomalyMaxDailyPoints: 400,
} as const;
