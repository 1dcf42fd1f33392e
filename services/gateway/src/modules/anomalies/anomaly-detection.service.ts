import { randomUUID } from 'node:crypto';
import type { AnomalyDetectionRun, AnomalyDetectionResponse, anomalySensitivities, ReportedAnomaly } from '@finops/contracts';
import type { Logger } from 'pino';
import type { ForecasterClient } from '../../clients/forecaster-client';
import { mapBounded } from '../../concurrency/map-bounded';
import type { SpendRepository } from '../spend/spend.repository';
import { scopeKey, toAnomalyWebhookPayload, type StoredAnomaly } from './anomaly';
import { coalesceAnomalies } from './anomaly-coalesce';
import { findDrivers } from './anomaly-drivers';
import { buildScopeSeries, detectionWindow } from './anomaly-series';
import type { AnomaliesRepository, AnomalyTransaction } from './anomalies.repository';

export interface AnomalyDetectionSettings {
  /** Hours sent per series, in days: the detector judges points once three weeks precede them. */
  windowDays: number;
  /** Least spend in the window for a dimension value to get its own series (the org total always has one). */
  minSeriesSpendUsd: string;
  sensitivity: (typeof anomalySensitivities)[number];
  /** Forecaster calls in flight for one run. */
  maxConcurrentCalls: number;
}

export const DEFAULT_ANOMALY_DETECTION_SETTINGS: AnomalyDetectionSettings = {
  windowDays: 28,
  minSeriesSpendUsd: '10',
  sensitivity: 'normal',
  maxConcurrentCalls: 4,
};

/** Runs detection for one org: series from stored spend, the forecaster's judgement, coalesced into stored anomalies. */
export class AnomalyDetectionService {
  constructor(
    private readonly anomalies: AnomaliesRepository,
    private readonly spend: SpendRepository,
    private readonly forecaster: ForecasterClient,
    private readonly settings: AnomalyDetectionSettings,
    private readonly now: () => Date,
    private readonly onDeliveriesQueued: () => void,
    private readonly logger: Logger,
  ) {}

  async detect(orgId: string): Promise<AnomalyDetectionRun> {
    const now = this.now();
    const window = detectionWindow(now, this.settings.windowDays);
    const series = await buildScopeSeries((query) => this.spend.query(orgId, query), window, this.settings.minSeriesSpendUsd);
    const results = await mapBounded(series, this.settings.maxConcurrentCalls, (each) =>
      this.forecaster.detectAnomalies({ granularity: 'hour', series: each.points, sensitivity: this.settings.sensitivity }),
    );
    // A scope whose call failed keeps its anomalies as they are: nothing was learnt about it. Like the forecast
    // endpoint, the run degrades (the answer says what failed) rather than failing when the forecaster is unwell.
    const judged = new Map<string, AnomalyDetectionResponse>();
    const failed: string[] = [];
    results.forEach((result, i) => {
      const key = scopeKey(series[i]!.scope);
      if (result.ok) judged.set(key, result.detection);
      else failed.push(`${result.failure}: ${result.detail}`);
    });
    if (failed.length > 0) this.logger.warn({ orgId, failed: failed.length, judged: judged.size }, 'anomaly detection skipped scopes');

    const outcome = await this.anomalies.inDetection(orgId, async (tx) => {
      const byScope = new Map<string, StoredAnomaly[]>();
      for (const anomaly of await tx.endingSince(window.from)) {
        const key = scopeKey(anomaly.scope);
        byScope.set(key, [...(byScope.get(key) ?? []), anomaly]);
      }
      const run: RunState = { tx, orgId, seriesEnd: window.to, now, detected: 0, updated: 0, queued: 0 };
      for (const each of series) {
        const key = scopeKey(each.scope);
        const detection = judged.get(key);
        if (!detection) continue;
        await this.apply(run, each.scope, byScope.get(key) ?? [], detection.anomalies);
        byScope.delete(key);
      }
      // Scopes without a series this run spent (almost) nothing in the window: whatever was open there has ended.
      if (failed.length === 0) for (const stored of byScope.values()) await this.apply(run, stored[0]!.scope, stored, []);
      return run;
    });
    if (outcome.queued > 0) this.onDeliveriesQueued();
    return {
      seriesEnd: window.to.toISOString(),
      seriesJudged: judged.size,
      seriesFailed: failed.length,
      failure: failed[0] ?? null,
      detected: outcome.detected,
      updated: outcome.updated,
    };
  }

  private async apply(run: RunState, scope: StoredAnomaly['scope'], existing: StoredAnomaly[], detected: ReportedAnomaly[]): Promise<void> {
    const { tx, orgId, seriesEnd, now } = run;
    for (const change of coalesceAnomalies({ orgId, scope, existing, detected, seriesEnd, now, newId: randomUUID })) {
      const { start, end, direction } = change.anomaly;
      const anomaly = change.extentChanged ? { ...change.anomaly, drivers: await findDrivers((query) => tx.spend(query), scope, start, end, direction) } : change.anomaly;
      if (change.kind === 'created') {
        await tx.insert(anomaly);
        run.detected += 1;
      } else {
        await tx.update(anomaly);
        run.updated += 1;
      }
      if (change.event) {
        const eventId = randomUUID();
        const payload = JSON.stringify(toAnomalyWebhookPayload(eventId, change.event, anomaly, now));
        run.queued += await tx.enqueue({ eventId, eventType: change.event, payload, dueAt: now });
      }
    }
  }
}

interface RunState {
  tx: AnomalyTransaction;
  orgId: string;
  seriesEnd: Date;
  now: Date;
  detected: number;
  updated: number;
  queued: number;
}
