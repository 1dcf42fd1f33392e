import type { Logger } from 'pino';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly repository: GuardReservationsRepository,
    private readonly now: () => Date,
    private readonly settings: GuardSweepSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'guard reservation sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async sweepOnce(): Promise<void> {
    const now = this.now();
    for (const orgId of await this.repository.orgsWithExpiredHolds(now, ORGS_PER_SWEEP)) {
      await this.repository.releaseExpired(orgId, now, RESERVATIONS_PER_ORG);
    }
    await this.repository.deleteEndedBefore(new Date(now.getTime() - this.settings.retentionMs), DELETIONS_PER_SWEEP);
  }
}
