import type { Endpoint } from '../../http/endpoint';
import type { Logger } from 'pino';
import type { DbPool } from '../../db/pool';
import type { Prisma } from '../../db/prisma';
import type { PriceBook } from '../pricing/price-book';
import { GuardCheckService } from './guard-check.service';
import { GuardCountersRepository } from './guard-counters.repository';
import { GuardPoliciesRepository } from './guard-policies.repository';
import { GuardPoliciesService } from './guard-policies.service';
import { GuardPolicyMemory } from './guard-policy-memory';
import { GuardReservationsRepository } from './guard-reservations.repository';
import { GuardReservationsService } from './guard-reservations.service';
import { GuardSweep } from './guard-sweep';
import { guardRoutes } from './guard.routes';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';

export interface GuardSettings {
  /** How long a check may take before its policies' fail mode answers. */
  checkTimeoutMs: number;
  /** How long an unsettled reservation holds its estimate. */
  leaseMs: number;
  /** Age after which a check re-reads the org's policies for deciding without the database. */
  policyMemoryRefreshMs: number;
  /** How often expired holds are released and old reservations deleted. */
  sweepIntervalMs: number;
  /** How long finished reservations are kept. */
  reservationRetentionMs: number;
  /** Connections the guard opens at start, before the first check (its pool's size in main.ts). */
  warmConnections: number;
}

export const DEFAULT_GUARD_SETTINGS: GuardSettings = {
  checkTimeoutMs: 250,
  leaseMs: 5 * 60_000,
  policyMemoryRefreshMs: 30_000,
  sweepIntervalMs: 60_000,
  reservationRetentionMs: 24 * 3_600_000,
  warmConnections: 4,
};

export interface GuardModuleDeps {
  prisma: Prisma;
  /** The main pool: policies, settles, the sweep. */
  pool: DbPool;
  /** The guard's own pipelined pool: checks (see GuardCountersRepository). */
  guardPool: DbPool;
  priceBook: PriceBook;
  logger: Logger;
  now: () => Date;
  settings: GuardSettings;
  bodyLimitBytes: number;
  metrics: Pick<GatewayMetrics, 'guardDecided' | 'batchFlushes'>;
}

export interface GuardModule {
  routes: Endpoint[];
  start(): void;
  /** Waits for queued checks. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** The real-time guard (circuit breaker), wired from the gateway's shared dependencies. */
export function createGuardModule(deps: GuardModuleDeps): GuardModule {
  const { settings } = deps;
  const memory = new GuardPolicyMemory(settings.policyMemoryRefreshMs);
  const reservationsRepository = new GuardReservationsRepository(deps.pool);
  const checks = new GuardCheckService(new GuardCountersRepository(deps.guardPool), deps.priceBook, memory, deps.logger, deps.now, {
    timeoutMs: settings.checkTimeoutMs,
    leaseMs: settings.leaseMs,
    observeFlush: deps.metrics.batchFlushes('guard_check'),
  });
  const policies = new GuardPoliciesService(new GuardPoliciesRepository(deps.prisma), checks);
  const reservations = new GuardReservationsService(reservationsRepository, deps.now, settings.leaseMs);
  const sweep = new GuardSweep(reservationsRepository, deps.now, { intervalMs: settings.sweepIntervalMs, retentionMs: settings.reservationRetentionMs }, deps.logger);
  return {
    routes: guardRoutes({ policies, checks, reservations, metrics: deps.metrics }, deps.bodyLimitBytes),
    start: () => {
      sweep.start();
      void checks.warmUp(settings.warmConnections);
    },
    drain: () => checks.drain(),
    stop: () => sweep.stop(),
  };
}
