import type { Logger } from 'pino';
import type { WebhookAttemptOutcome } from '../../metrics/gateway-metrics';
import type { AttemptOutcome, ClaimedDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { retryDelayMs } from './webhook-retry';
import type { WebhookSender } from './webhook-sender';

export interface WebhookDeliverySettings {
  /** Bound on one HTTP attempt. */
  timeoutMs: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** Nominal delay before the second attempt; it doubles per attempt (see retryDelayMs). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often a worker looks for due deliveries (retries, and events queued by other replicas). */
  pollIntervalMs: number;
  /** Deliveries claimed and attempted at once by one worker. */
  batchSize: number;
}

/** 10 attempts over about 2¾ hours: 30 s, 1, 2, 4, 8, 16, 32 min, then hourly (each with jitter). */
export const DEFAULT_WEBHOOK_DELIVERY_SETTINGS: WebhookDeliverySettings = {
  timeoutMs: 10_000,
  maxAttempts: 10,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  pollIntervalMs: 1_000,
  batchSize: 20,
};

/** How long past the attempt's timeout a claim stays leased (covers recording the outcome). */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends queued webhook deliveries: at start, when this gateway queued some (kick), and every poll interval. Several
 * replicas may run it against one database; claims never overlap (see WebhookDeliveriesRepository.claimDue).
 */
export class WebhookDeliveryWorker {
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly settings: WebhookDeliverySettings,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
    private readonly observeAttempt: (outcome: WebhookAttemptOutcome) => void = () => undefined,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Deliveries were queued: look now rather than at the next poll. */
  kick(): void {
    this.schedule(0);
  }

  /** Stops polling and waits for attempts in flight to be recorded (each is bounded by the timeout). */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: claims due deliveries and attempts them; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + this.settings.timeoutMs + LEASE_MARGIN_MS);
    const claimed = await this.deliveries.claimDue(now, leaseUntil, this.settings.batchSize);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const result = await this.sender.send(delivery);
    const at = this.now();
    let outcome: AttemptOutcome;
    if (result.ok) {
      outcome = { kind: 'delivered', at, responseStatus: result.responseStatus ?? 200 };
    } else if (delivery.attempt >= this.settings.maxAttempts) {
      outcome = { kind: 'failed', at, responseStatus: result.responseStatus, error: result.error ?? 'failed' };
      this.logger.warn({ deliveryId: delivery.id, eventId: delivery.eventId, attempts: delivery.attempt, error: outcome.error }, 'webhook delivery given up');
    } else {
      const delayMs = retryDelayMs(delivery.attempt, { baseMs: this.settings.retryBaseMs, maxMs: this.settings.retryMaxMs }, this.random);
      outcome = { kind: 'retry', at, nextAttemptAt: new Date(at.getTime() + delayMs), responseStatus: result.responseStatus, error: result.error ?? 'failed' };
      this.logger.info({ deliveryId: delivery.id, attempt: delivery.attempt, delayMs, error: outcome.error }, 'webhook delivery failed, will retry');
    }
    await this.deliveries.recordOutcome(delivery, outcome);
    this.observeAttempt(outcome.kind);
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.running) {
      if (delayMs === 0) this.rerun = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private run(): void {
    this.timer = undefined;
    this.running = (async () => {
      do {
        this.rerun = false;
        let attempted: number;
        do {
          attempted = await this.deliverDue();
          // A full batch suggests more are due.
        } while (this.started && attempted === this.settings.batchSize);
      } while (this.started && this.rerun);
    })()
      .catch((error: unknown) => this.logger.error({ err: error }, 'webhook delivery pass failed'))
      .finally(() => {
        this.running = undefined;
        this.schedule(this.settings.pollIntervalMs);
      });
  }
}
