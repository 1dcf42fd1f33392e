import { DAY_MS, HOUR_MS, type AnomalyDetectionRequest, type AnomalyDetectionRequestSchema, type AnomalyDetectionResponse } from '@finops/contracts';
import { GRANULARITY_SHAPES, detectSpendAnomalies, type AnomalyDetection } from '@finops/forecasting';
import type { ValidatedHandler } from '@finops/http-kit';

/** Decode (already validated) → detect → encode. The maths lives in @finops/forecasting. */
export function anomalyHandlers() {
  const detectAnomalies: ValidatedHandler<{ body: typeof AnomalyDetectionRequestSchema }> = (req, res) => {
    const { granularity, series, sensitivity } = req.body;
    const costs = Float64Array.from(series, (point) => point.costUsd);
    const body: AnomalyDetectionResponse = toApiAnomalyDetection(detectSpendAnomalies(costs, granularity, sensitivity), req.body);
    res.json(body);
  };
  return { detectAnomalies };
}

/**
 * The detector's float sums as the wire's decimal strings: each amount rounded to the cent once, and the impact
 * taken from the rounded amounts in integer cents, so impactUsd = actualUsd − expectedUsd holds exactly.
 */
export function toApiAnomalyDetection(detection: AnomalyDetection, request: AnomalyDetectionRequest): AnomalyDetectionResponse {
  const stepMs = request.granularity === 'hour' ? HOUR_MS : DAY_MS;
  const firstMs = Date.parse(request.series[0]?.start ?? '');
  const instant = (index: number): string => new Date(firstMs + index * stepMs).toISOString();
  const shape = GRANULARITY_SHAPES[request.granularity];
  const { model } = detection;
  const n = request.series.length;
  return {
    anomalies: detection.anomalies.map((anomaly) => {
      const expected = toCents(anomaly.expectedUsd);
      const actual = toCents(anomaly.actualUsd);
      return {
        start: instant(anomaly.startIndex),
        end: instant(anomaly.endIndex),
        expectedUsd: centsToDecimal(expected),
        actualUsd: centsToDecimal(actual),
        impactUsd: centsToDecimal(actual - expected),
        score: Math.round(anomaly.score * 100) / 100,
        direction: anomaly.direction,
      };
    }),
    model: {
      name: model.method,
      granularity: request.granularity,
      sensitivity: request.sensitivity,
      seasonality: { period: 'week', seasonLength: model.seasonLength, maxSeasons: model.maxSeasons, minSeasons: shape.minSeasons },
      firstJudged: model.firstScoredIndex < n ? instant(model.firstScoredIndex) : null,
      pointsJudged: n - model.firstScoredIndex,
      impactFloorUsd: centsToDecimal(toCents(model.minImpactUsd)),
      typicalUsd: Number.isFinite(model.typicalUsd) ? centsToDecimal(toCents(model.typicalUsd)) : null,
      noiseSigma: Number.isFinite(model.noiseSigma) ? Math.round(model.noiseSigma * 1e4) / 1e4 : null,
    },
  };
}

/** Whole cents of a finite, non-negative USD amount (half away from zero). */
function toCents(usd: number): bigint {
  return BigInt(Math.round(Math.max(usd, 0) * 100));
}

/** "12.3", "-0.05", "7": the one wire form of an amount (no trailing fractional zeros). */
function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const whole = (magnitude / 100n).toString();
  const fraction = (magnitude % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
