import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import { createApp, type Gateway, type GatewaySettings } from '../../src/app';
import { createPool, type DbPool } from '../../src/db/pool';
import { createPrisma, type Prisma } from '../../src/db/prisma';
import { RunningClock, TEST_EPOCH } from './clocks';
import type { ResolveHostname } from '../../src/modules/webhooks/webhook-target';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';

export interface TestGateway {
  app: Express;
  /** The gateway's own pool (tenant work goes through RLS like in production). */
  pool: DbPool;
  /** The guard's pipelined pool. */
  guardPool: DbPool;
  prisma: Prisma;
  /** A connection as the owning role, outside RLS, for asserting database state. */
  ownerPool: DbPool;
  /** Lifecycle: start()/stop() background work, drain() queued traces and the budget evaluations they triggered. */
  gateway: Gateway;
  /** The gateway's clock: the test's own, or one running from TEST_EPOCH (never the date the suite runs on). */
  now: () => Date;
  close(): Promise<void>;
}

/** The real forecaster process the global setup started for this run. */
export function testForecasterUrl(): string {
  const url = process.env.FINOPS_TEST_FORECASTER_URL;
  if (!url) throw new Error('FINOPS_TEST_FORECASTER_URL is not set: run integration tests through jest (global setup)');
  return url;
}

export function testDatabaseUrl(): string {
  const url = process.env.FINOPS_TEST_DATABASE_URL;
  if (!url) throw new Error('FINOPS_TEST_DATABASE_URL is not set: run integration tests through jest (global setup)');
  return url;
}

/** The gateway wired exactly as main.ts wires it, against the test run's database, on the test's clock. */
export function createTestGateway(
  overrides: Partial<GatewaySettings> = {},
  options: { now?: () => Date; databaseUrl?: string; resolveHostname?: ResolveHostname; logger?: Logger } = {},
): TestGateway {
  const databaseUrl = options.databaseUrl ?? testDatabaseUrl();
  const pool = createPool(databaseUrl, 10, 'finops-test-gateway');
  const guardPool = createPool(databaseUrl, 4, 'finops-test-guard', { pipeline: true });
  const ownerPool = createPool(testDatabaseUrl(), 2, 'finops-test-assertions');
  // As in main.ts: an idle connection that breaks (a test cutting the network) is dropped, not a crash.
  for (const each of [pool, guardPool]) each.on('error', () => undefined);
  const prisma = createPrisma(pool);
  const settings: GatewaySettings = {
    adminToken: TEST_ADMIN_TOKEN,
    bodyLimitBytes: 256 * 1024,
    batchBodyLimitBytes: 16 * 1024 * 1024,
    apiKeyCacheTtlMs: 10_000,
    priceCacheTtlMs: 5_000,
    forecasterUrl: testForecasterUrl(),
    // Tests deliver webhooks to receivers on 127.0.0.1 over plain http, as WEBHOOK_ALLOW_INSECURE_TARGETS allows.
    allowInsecureWebhookTargets: true,
    ...overrides,
    // A guard query that misses its 250 ms deadline is answered by the fail mode (no reservation): on two cores busy
    // with other suites that happens, and a test about something else would fail. The fail-mode tests set their own.
    guard: { checkTimeoutMs: 10_000, ...overrides.guard },
  };
  const now = options.now ?? new RunningClock(TEST_EPOCH).now;
  const gateway = createApp({ logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), pool, guardPool, prisma, settings, now, resolveHostname: options.resolveHostname });
  return {
    app: gateway.app,
    pool,
    guardPool,
    prisma,
    ownerPool,
    gateway,
    now,
    close: async () => {
      await gateway.drain();
      await gateway.stop();
      await prisma.$disconnect();
      await pool.end();
      await guardPool.end();
      await ownerPool.end();
    },
  };
}

