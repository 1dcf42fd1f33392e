import type { Logger } from 'pino';
import type { BudgetAlertsRepository } from './budget-alerts.repository';
import type { OrgEvaluationQueue } from './budget-evaluation-queue';

/** Orgs queued for evaluation per sweep; the next sweep picks up the rest. */
const ORGS_PER_SWEEP = 500;

/**
 * Notices periods that ended without traffic or status reads (a quiet org's cap rolling over from `exceeded` to
 * `ok` at midnight), so its event and webhook follow within one interval rather than at the next ingest.
 */
export class BudgetRolloverSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly alerts: BudgetAlertsRepository,
    private readonly queue: OrgEvaluationQueue,
    private readonly now: () => Date,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'budget rollover sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async sweepOnce(): Promise<void> {
    for (const orgId of await this.alerts.orgsWithEndedPeriods(this.now(), ORGS_PER_SWEEP)) this.queue.request(orgId);
  }
}
