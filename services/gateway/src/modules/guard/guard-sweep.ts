import type { Logger } from 'pino';
import { IntervalJob } from '../../jobs/interval-job';
import type { GuardReservationsRepository } from './guard-reservations.repository';

/** Orgs and rows handled per sweep; the next sweep picks up the rest. */
const ORGS_PER_SWEEP = 500;
const ROWS_PER_ORG = 5_000;
const DELETIONS_PER_SWEEP = 10_000;

export interface GuardSweepSettings {
  intervalMs: number;
  /** How long finished reservations are kept (settling again answers from them) before they are deleted. */
  retentionMs: number;
}

/**
 * Catches up counters no check comes along for (a check does it for the counters it locks): releases holds whose lease
 * ended and folds ingest's deltas older than one interval into their counters (so the delta table stays small for
 * quiet policies); deletes finished reservations after the retention period.
 */
export class GuardSweep {
  private readonly job: IntervalJob;

  constructor(
    private readonly repository: GuardReservationsRepository,
    private readonly now: () => Date,
    private readonly settings: GuardSweepSettings,
    logger: Logger,
  ) {
    this.job = new IntervalJob('guard reservation sweep', settings.intervalMs, () => this.sweepOnce(), logger);
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  async sweepOnce(): Promise<void> {
    const now = this.now();
    // Deltas are stamped by the database clock; fresh ones are left to the checks that are about to fold them anyway.
    const foldBefore = new Date(Date.now() - this.settings.intervalMs);
    for (const orgId of await this.repository.orgsToSweep(now, foldBefore, ORGS_PER_SWEEP)) {
      await this.repository.sweepCounters(orgId, now, foldBefore, ROWS_PER_ORG);
    }
    await this.repository.deleteEndedBefore(new Date(now.getTime() - this.settings.retentionMs), DELETIONS_PER_SWEEP);
  }
}
