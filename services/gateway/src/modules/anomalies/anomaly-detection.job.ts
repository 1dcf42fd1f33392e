import { HOUR_MS } from '@finops/contracts';
import type { Logger } from 'pino';
import { IntervalJob } from '../../jobs/interval-job';
import type { AnomalyDetectionService } from './anomaly-detection.service';
import type { AnomaliesRepository } from './anomalies.repository';

/** Orgs looked at per tick; with more, the rest wait for the next tick (their hour's claim is still free). */
const ORGS_PER_TICK = 1_000;

/**
 * Hourly detection for every org that spent in the last day. Every replica runs this job; the claim row of an org
 * and hour lets exactly one of them run that org in that hour, and a tick more often than hourly only picks up orgs
 * not yet run this hour.
 */
export class AnomalyDetectionJob {
  private readonly job: IntervalJob;

  constructor(
    private readonly anomalies: AnomaliesRepository,
    private readonly detection: AnomalyDetectionService,
    private readonly now: () => Date,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.job = new IntervalJob('anomaly detection', intervalMs, async () => void (await this.runOnce()), logger);
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One tick: the orgs this replica claimed, each run in turn (a failing org does not stop the others). */
  async runOnce(): Promise<string[]> {
    const now = this.now();
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const ran: string[] = [];
    for (const orgId of await this.anomalies.orgsWithSpendSince(new Date(hour.getTime() - 24 * HOUR_MS), ORGS_PER_TICK)) {
      if (!(await this.anomalies.claimRun(orgId, hour))) continue;
      try {
        await this.detection.detect(orgId);
        ran.push(orgId);
      } catch (error) {
        this.logger.error({ err: error, orgId }, 'anomaly detection failed for an org');
      }
    }
    return ran;
  }
}
