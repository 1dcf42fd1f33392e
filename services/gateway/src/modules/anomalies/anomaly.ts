import type {
  AnomalyDriver,
  AnomalyScopeDimension,
  AnomalyStatus,
  AnomalyVerdict,
  AnomalyWebhookPayload,
  SpendAnomaly,
} from '@finops/contracts';

/** What one series is the spend of: the org's total, or one value of one dimension. */
export interface AnomalyScope {
  dimension: AnomalyScopeDimension;
  /** null for the org's total. */
  value: string | null;
}

/** An anomaly as stored; amounts are decimal strings. */
export interface StoredAnomaly {
  orgId: string;
  id: string;
  scope: AnomalyScope;
  start: Date;
  end: Date;
  expectedUsd: string;
  actualUsd: string;
  impactUsd: string;
  score: number;
  direction: 'up' | 'down';
  status: AnomalyStatus;
  feedback: AnomalyVerdict | null;
  /** Per dimension (agent, model, team, project, cost center), largest excess first within each. */
  drivers: AnomalyDriver[];
  detectedAt: Date;
  resolvedAt: Date | null;
  updatedAt: Date;
}

export const scopeKey = (scope: AnomalyScope): string => `${scope.dimension}\u0000${scope.value ?? ''}`;

/** Verdicts after which the anomaly, however it grows or comes back, does not alert again. */
export const isSilenced = (anomaly: Pick<StoredAnomaly, 'feedback'>): boolean => anomaly.feedback === 'planned' || anomaly.feedback === 'expected';

export function toApiAnomaly(anomaly: StoredAnomaly): SpendAnomaly {
  return {
    id: anomaly.id,
    scope: { dimension: anomaly.scope.dimension, value: anomaly.scope.value },
    start: anomaly.start.toISOString(),
    end: anomaly.end.toISOString(),
    expectedUsd: anomaly.expectedUsd,
    actualUsd: anomaly.actualUsd,
    impactUsd: anomaly.impactUsd,
    score: anomaly.score,
    direction: anomaly.direction,
    status: anomaly.status,
    feedback: anomaly.feedback,
    drivers: anomaly.drivers,
    detectedAt: anomaly.detectedAt.toISOString(),
    resolvedAt: anomaly.resolvedAt?.toISOString() ?? null,
    updatedAt: anomaly.updatedAt.toISOString(),
  };
}

export function toAnomalyWebhookPayload(eventId: string, type: AnomalyWebhookPayload['type'], anomaly: StoredAnomaly, at: Date): AnomalyWebhookPayload {
  return { id: eventId, type, createdAt: at.toISOString(), orgId: anomaly.orgId, data: toApiAnomaly(anomaly) };
}
