import { randomUUID } from 'node:crypto';
import { guardPeriodTypes, type GuardCheck } from '@finops/contracts';
import { costOf, toTokenUsage } from '@finops/pricing';
import type { Logger } from 'pino';
import { BatchQueue, type FlushObserver } from '../../concurrency/batch-queue';
import { isDatabaseUnavailable, isDataError } from '../../db/db-errors';
import { DatabaseDeadlineError } from '../../db/deadline';
import { InvalidFieldError, UnstorableRequestError } from '../../errors';
import { periodContaining } from '../../calendar/calendar-period';
import type { PriceBook } from '../pricing/price-book';
import type { GuardCountersRepository, GuardPeriod, NewReservation } from './guard-counters.repository';
import { decideChecks, type CheckVerdict } from './guard-decision';
import { decideWithoutDatabase, type UnavailableVerdict } from './guard-fail-mode';
import type { GuardPolicy } from './guard-policy';
import type { GuardPolicyMemory } from './guard-policy-memory';

export interface GuardCheckSettings {
  /** How long a check may take before the fail mode answers (pool wait, queue wait and database work included). */
  timeoutMs: number;
  /** How long an unsettled reservation holds its estimate. */
  leaseMs: number;
  observeFlush?: FlushObserver;
}

/** What a check answered: decided by the counters, or by the fail mode when the database did not answer in time. */
export type GuardCheckAnswer =
  | { kind: 'decided'; verdict: CheckVerdict; estimateUsd: string; reservation: { id: string; expiresAt: Date } | undefined }
  | { kind: 'unavailable'; verdict: UnavailableVerdict };

interface QueuedCheck {
  agentId: string;
  estimateUsd: string;
  deadlineAt: number;
  /** Set when the caller stopped waiting: a flush that has not decided it yet leaves it out. */
  abandoned: boolean;
}

type FlushResult = Extract<GuardCheckAnswer, { kind: 'decided' }> | { kind: 'abandoned' };

// A policy created between a check's lock and its initialisation can make one more round necessary, never two.
const MAX_INITIALISATION_ROUNDS = 3;
// Creating a counter off the check path (for a new policy) may take longer than a check may.
const COUNTER_CREATION_DEADLINE_MS = 10_000;

/** Races `work` against the deadline; on timeout `onTimeout` runs and a DatabaseDeadlineError is thrown. */
function withinDeadline<T>(work: Promise<T>, deadlineAt: number, onTimeout: () => void = () => undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        onTimeout();
        reject(new DatabaseDeadlineError('The guard check'));
      },
      Math.max(0, deadlineAt - performance.now()),
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The hot path: "may this agent spend this much?" Checks are queued per org and decided in batches, in arrival
 * order, under the counters' row locks (concurrency/batch-queue.ts, guard-counters.repository.ts); an allowed check holds
 * its estimate on every applicable policy until a trace or a settle replaces it, or the lease ends.
 */
export class GuardCheckService {
  private readonly queue: BatchQueue<QueuedCheck, FlushResult>;
  private periods: GuardPeriod[] | undefined;

  constructor(
    private readonly repository: GuardCountersRepository,
    private readonly priceBook: PriceBook,
    private readonly memory: GuardPolicyMemory,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly settings: GuardCheckSettings,
  ) {
    // One lane per org, one flush of it at a time (see BatchQueueOptions.maxConcurrentPerLane); a batch refused for
    // one check's values is split until only that check fails.
    this.queue = new BatchQueue((orgId, items) => this.flush(orgId, items), {
      maxBatchSize: 500,
      maxConcurrentFlushes: 4,
      maxConcurrentPerLane: 1,
      isItemFailure: isDataError,
      observeFlush: settings.observeFlush,
    });
  }

  async check(orgId: string, input: GuardCheck): Promise<GuardCheckAnswer> {
    const deadlineAt = performance.now() + this.settings.timeoutMs;
    try {
      const estimate = this.estimate(orgId, input);
      const estimateUsd = typeof estimate === 'string' ? estimate : await withinDeadline(estimate, deadlineAt);
      const item: QueuedCheck = { agentId: input.agentId, estimateUsd, deadlineAt, abandoned: false };
      const result = await withinDeadline(this.queue.submit(orgId, item), deadlineAt, () => (item.abandoned = true));
      if (result.kind === 'abandoned') throw new DatabaseDeadlineError('The guard check');
      return result;
    } catch (error) {
      if (isDataError(error)) throw new UnstorableRequestError('The check', (error as { code: string }).code);
      if (!isDatabaseUnavailable(error)) throw error;
      return this.answerWithoutDatabase(orgId, input.agentId, error);
    }
  }

  /** Readies the guard's connections ahead of traffic; a failure only costs the first checks that time. */
  async warmUp(connections: number): Promise<void> {
    try {
      await this.repository.warmUp(connections, this.periodsAt(this.now()));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not open guard database connections ahead of traffic');
    }
  }

  /** Waits for queued checks (at shutdown, after the listener stopped accepting requests). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  /** Forgets what is remembered of the org's policies (after a change through this gateway). */
  policiesChanged(orgId: string): void {
    this.memory.markStale(orgId);
  }

  /**
   * Creates a new policy's counter for the current period now rather than in its first check (which would spend part
   * of its deadline on the spend query). Best effort: if it fails, the first check creates it.
   */
  async policyCreated(orgId: string, policy: GuardPolicy): Promise<void> {
    const period = periodContaining(policy.periodType, 'UTC', this.now());
    const counter = { policyId: policy.id, agentId: policy.agentId, periodStart: period.start, periodEnd: period.end };
    try {
      await this.repository.initialise(orgId, performance.now() + COUNTER_CREATION_DEADLINE_MS, [counter]);
    } catch (error) {
      this.logger.warn({ err: error, orgId, policyId: policy.id }, 'could not create a new guard policy’s counter; its first check will');
    }
  }

  /**
   * The estimate to reserve: the given cost, or the maximum tokens at the price in effect now (the org's override,
   * else the catalogue). A model without a price cannot be estimated, which is the client's to fix (400).
   */
  private estimate(orgId: string, input: GuardCheck): string | Promise<string> {
    if (input.estimatedCostUsd !== undefined) return input.estimatedCostUsd;
    if (input.maxInputTokens === undefined && input.maxOutputTokens === undefined) return '0';
    return this.estimateFromTokens(orgId, input);
  }

  private async estimateFromTokens(orgId: string, input: GuardCheck): Promise<string> {
    const price = (await this.priceBook.forOrg(orgId)).priceAt(input.modelId!, this.now());
    if (!price) throw new InvalidFieldError('modelId', 'has no price (catalogue or override); send estimatedCostUsd instead');
    return costOf(toTokenUsage({ inputTokens: input.maxInputTokens ?? 0, outputTokens: input.maxOutputTokens ?? 0 }), price);
  }

  private answerWithoutDatabase(orgId: string, agentId: string, error: unknown): GuardCheckAnswer {
    const verdict = decideWithoutDatabase(this.memory.policiesOf(orgId), agentId);
    const policyIds = verdict.decision === 'allow' ? verdict.policies.map((policy) => policy.id) : verdict.policy ? [verdict.policy.id] : [];
    const message = verdict.decision === 'allow' ? 'guard check allowed without the database (fail open)' : 'guard check denied without the database (fail closed)';
    this.logger.warn({ orgId, agentId, policyIds, err: error }, message);
    return { kind: 'unavailable', verdict };
  }

  /** The current period of each type; computed again only when `now` leaves one of them. */
  private periodsAt(now: Date): GuardPeriod[] {
    const at = now.getTime();
    if (!this.periods?.every((period) => period.start.getTime() <= at && at < period.end.getTime())) {
      this.periods = guardPeriodTypes.map((type) => ({ type, ...periodContaining(type, 'UTC', now) }));
    }
    return this.periods;
  }

  private async flush(orgId: string, items: QueuedCheck[]): Promise<FlushResult[]> {
    const live = items.filter((item) => !item.abandoned && item.deadlineAt > performance.now());
    if (live.length === 0) return items.map(() => ({ kind: 'abandoned' }));
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.settings.leaseMs);
    const deadlineAt = Math.max(...live.map((item) => item.deadlineAt));
    const request = {
      agentIds: [...new Set(live.map((item) => item.agentId))],
      now,
      periods: this.periodsAt(now),
      withPolicies: this.memory.needsRefresh(orgId),
    };
    for (let round = 0; round < MAX_INITIALISATION_ROUNDS; round += 1) {
      const outcome = await this.repository.reserve(orgId, deadlineAt, request, (counters) => {
        // Checks whose caller stopped waiting while the counters were being locked are left out.
        const deciding = live.filter((item) => !item.abandoned);
        const { verdicts, reservedDeltas } = decideChecks(deciding, counters);
        const reservations = new Map<QueuedCheck, NewReservation>();
        deciding.forEach((item, index) => {
          const verdict = verdicts[index]!;
          if (verdict.allowed && verdict.holds.length > 0) {
            reservations.set(item, { id: randomUUID(), agentId: item.agentId, estimateUsd: item.estimateUsd, holds: verdict.holds });
          }
        });
        const decided = new Map(deciding.map((item, index) => [item, verdicts[index]!]));
        return { result: { decided, reservations }, writes: { reservedDeltas, reservations: [...reservations.values()], expiresAt } };
      });
      if ('missing' in outcome) {
        await this.repository.initialise(orgId, deadlineAt, outcome.missing);
        continue;
      }
      if (outcome.policies) this.memory.remember(orgId, outcome.policies);
      const { decided, reservations } = outcome.result;
      return items.map((item): FlushResult => {
        const verdict = decided.get(item);
        if (!verdict) return { kind: 'abandoned' };
        const reservation = reservations.get(item);
        return { kind: 'decided', verdict, estimateUsd: item.estimateUsd, reservation: reservation && { id: reservation.id, expiresAt } };
      });
    }
    throw new Error(`guard counters of org ${orgId} were still missing after ${MAX_INITIALISATION_ROUNDS} initialisations`);
  }
}
