import type { Logger } from 'pino';
import { IntervalJob } from '../../jobs/interval-job';
import type { GuardReservationsRepository } from './guard-reservations.repository';

/** Orgs and rows handled per sweep; the next sweep picks up the rest. */
const ORGS_PER_SWEEP = 500;
const RESERVATIONS_PER_ORG = 5_000;
const DELETIONS_PER_SWEEP = 10_000;

export interface GuardSweepSettings {
  intervalMs: number;
  /** How long finished reservations are kept (settling again answers from them) before they are deleted. */
  retentionMs: number;
}

/**
 * Releases holds whose lease ended even when no check of their policies comes along (a check releases the expired
 * holds on the counters it locks itself), and deletes finished reservations after the retention period.
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
    for (const orgId of await this.repository.orgsWithExpiredHolds(now, ORGS_PER_SWEEP)) {
      await this.repository.releaseExpired(orgId, now, RESERVATIONS_PER_ORG);
    }
    await this.repository.deleteEndedBefore(new Date(now.getTime() - this.settings.retentionMs), DELETIONS_PER_SWEEP);
  }
}
