import type { Logger } from 'pino';
import { IntervalJob } from '../../jobs/interval-job';
import type { BudgetAlertsRepository } from './budget-alerts.repository';
import type { OrgEvaluationQueue } from './budget-evaluation-queue';

/** Orgs queued for evaluation per sweep; the next sweep picks up the rest. */
const ORGS_PER_SWEEP = 500;

/**
 * Notices periods that ended without traffic or status reads (a quiet org's cap rolling over from `exceeded` to
 * `ok` at midnight), so its event and webhook follow within one interval rather than at the next ingest.
 */
export class BudgetRolloverSweep {
  private readonly job: IntervalJob;

  constructor(
    private readonly alerts: BudgetAlertsRepository,
    private readonly queue: OrgEvaluationQueue,
    private readonly now: () => Date,
    intervalMs: number,
    logger: Logger,
  ) {
    this.job = new IntervalJob('budget rollover sweep', intervalMs, () => this.sweepOnce(), logger);
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  async sweepOnce(): Promise<void> {
    for (const orgId of await this.alerts.orgsWithEndedPeriods(this.now(), ORGS_PER_SWEEP)) this.queue.request(orgId);
  }
}
