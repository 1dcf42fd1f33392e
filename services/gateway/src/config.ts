import { metricsTokenSchema } from '@finops/http-kit';
import { z } from 'zod';
import { DEFAULT_ANOMALY_DETECTION_SETTINGS as ANOMALIES } from './modules/anomalies/anomaly-detection.service';
import { builtDashboardDir } from './modules/dashboard/dashboard-files';
import { DEFAULT_GUARD_SETTINGS } from './modules/guard/guard.module';
import { DEFAULT_RATE_LIMIT_SETTINGS as LIMITS } from './modules/rate-limits/rate-limit-settings';
import { DEFAULT_WEBHOOK_DELIVERY_SETTINGS } from './modules/webhooks/webhook-delivery.worker';

const ConfigSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required (npm start sets it for the embedded database)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Compose passes an unset variable as ''; that means "no admin API", not a too-short token.
  ADMIN_TOKEN: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(32, 'must be at least 32 characters').optional()),
  FORECASTER_URL: z.url().default('http://127.0.0.1:3001'),
  FORECASTER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_500),
  FORECAST_ALERT_PROBABILITY: z.coerce.number().gt(0).max(1).default(0.5),
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  BATCH_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(16 * 1024 * 1024),
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  PRICE_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
  SHUTDOWN_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_WEBHOOK_DELIVERY_SETTINGS.timeoutMs),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(DEFAULT_WEBHOOK_DELIVERY_SETTINGS.maxAttempts),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(DEFAULT_WEBHOOK_DELIVERY_SETTINGS.retryBaseMs),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(DEFAULT_WEBHOOK_DELIVERY_SETTINGS.pollIntervalMs),
  BUDGET_ROLLOVER_SWEEP_MS: z.coerce.number().int().min(10).default(60_000),
  BUDGET_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
  ANOMALY_JOB_INTERVAL_MS: z.coerce.number().int().min(1_000).default(300_000),
  // Under 22 days no hour would be judged: the detector wants three weeks before a point; 60 is its most hourly points.
  ANOMALY_WINDOW_DAYS: z.coerce.number().int().min(22).max(60).default(ANOMALIES.windowDays),
  ANOMALY_MIN_SERIES_SPEND_USD: z.string().regex(/^(0|[1-9]\d{0,11})(\.\d{1,12})?$/, 'must be a decimal amount in USD, e.g. 10').default(ANOMALIES.minSeriesSpendUsd),
  ANOMALY_SENSITIVITY: z.enum(['low', 'normal', 'high'], { error: 'must be low, normal or high' }).default(ANOMALIES.sensitivity),
  DASHBOARD_DIR: z.string().min(1).optional(),
  GUARD_CHECK_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(DEFAULT_GUARD_SETTINGS.checkTimeoutMs),
  GUARD_LEASE_MS: z.coerce.number().int().min(1_000).default(DEFAULT_GUARD_SETTINGS.leaseMs),
  GUARD_POLICY_MEMORY_REFRESH_MS: z.coerce.number().int().min(0).default(DEFAULT_GUARD_SETTINGS.policyMemoryRefreshMs),
  GUARD_SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).default(DEFAULT_GUARD_SETTINGS.sweepIntervalMs),
  GUARD_RESERVATION_RETENTION_MS: z.coerce.number().int().min(0).default(DEFAULT_GUARD_SETTINGS.reservationRetentionMs),
  WEBHOOK_ALLOW_INSECURE_TARGETS: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).default('false'),
  GUARD_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(DEFAULT_GUARD_SETTINGS.warmConnections),
  RATE_LIMIT_STORE: z.enum(['memory', 'postgres', 'redis'], { error: 'must be memory, postgres or redis' }).default(LIMITS.store),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  RATE_LIMIT_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _').default(LIMITS.keyPrefix),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(LIMITS.ingest.windowSeconds),
  RATE_LIMIT_INGEST: z.coerce.number().int().min(1).default(LIMITS.ingest.points),
  RATE_LIMIT_GUARD: z.coerce.number().int().min(1).default(LIMITS.guard.points),
  RATE_LIMIT_READ: z.coerce.number().int().min(1).default(LIMITS.read.points),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(LIMITS.failedApiKeys.windowSeconds),
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(LIMITS.failedApiKeys.points),
  AUTH_FAILURE_BLOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(LIMITS.failedApiKeys.blockSeconds),
  ADMIN_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(LIMITS.failedAdminTokens.points),
  ADMIN_AUTH_FAILURE_BLOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(LIMITS.failedAdminTokens.blockSeconds),
  METRICS_TOKEN: metricsTokenSchema,
  METRICS_ORG_LABELS: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).default('false'),
}).superRefine((c, context) => {
  if (c.RATE_LIMIT_STORE === 'redis' && !c.REDIS_URL) context.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when RATE_LIMIT_STORE=redis' });
});

export type GatewayConfig = ReturnType<typeof toConfig>;

function toConfig(c: z.infer<typeof ConfigSchema>) {
  return {
    databaseUrl: c.DATABASE_URL,
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    adminToken: c.ADMIN_TOKEN,
    metricsToken: c.METRICS_TOKEN,
    metricsOrgLabels: c.METRICS_ORG_LABELS === 'true' || c.METRICS_ORG_LABELS === '1',
    forecasterUrl: c.FORECASTER_URL,
    forecasterClient: { totalTimeoutMs: c.FORECASTER_TIMEOUT_MS },
    forecastAlertProbability: c.FORECAST_ALERT_PROBABILITY,
    dbPoolSize: c.DB_POOL_SIZE,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    batchBodyLimitBytes: c.BATCH_BODY_LIMIT_BYTES,
    apiKeyCacheTtlMs: c.API_KEY_CACHE_TTL_MS,
    priceCacheTtlMs: c.PRICE_CACHE_TTL_MS,
    shutdownDrainTimeoutMs: c.SHUTDOWN_DRAIN_TIMEOUT_MS,
    webhookDelivery: {
      timeoutMs: c.WEBHOOK_TIMEOUT_MS,
      maxAttempts: c.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: c.WEBHOOK_RETRY_BASE_MS,
      pollIntervalMs: c.WEBHOOK_POLL_INTERVAL_MS,
    },
    allowInsecureWebhookTargets: c.WEBHOOK_ALLOW_INSECURE_TARGETS === 'true' || c.WEBHOOK_ALLOW_INSECURE_TARGETS === '1',
    budgetRolloverSweepMs: c.BUDGET_ROLLOVER_SWEEP_MS,
    budgetEvaluationIntervalMs: c.BUDGET_EVALUATION_INTERVAL_MS,
    anomalyJobIntervalMs: c.ANOMALY_JOB_INTERVAL_MS,
    anomalyDetection: { windowDays: c.ANOMALY_WINDOW_DAYS, minSeriesSpendUsd: c.ANOMALY_MIN_SERIES_SPEND_USD, sensitivity: c.ANOMALY_SENSITIVITY },
    dashboardDir: c.DASHBOARD_DIR ?? builtDashboardDir(),
    guard: {
      checkTimeoutMs: c.GUARD_CHECK_TIMEOUT_MS,
      leaseMs: c.GUARD_LEASE_MS,
      policyMemoryRefreshMs: c.GUARD_POLICY_MEMORY_REFRESH_MS,
      sweepIntervalMs: c.GUARD_SWEEP_INTERVAL_MS,
      reservationRetentionMs: c.GUARD_RESERVATION_RETENTION_MS,
      warmConnections: c.GUARD_DB_POOL_SIZE,
    },
    guardDbPoolSize: c.GUARD_DB_POOL_SIZE,
    rateLimits: {
      store: c.RATE_LIMIT_STORE,
      redisUrl: c.REDIS_URL,
      keyPrefix: c.RATE_LIMIT_KEY_PREFIX,
      ingest: { points: c.RATE_LIMIT_INGEST, windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS },
      guard: { points: c.RATE_LIMIT_GUARD, windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS },
      read: { points: c.RATE_LIMIT_READ, windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS },
      failedApiKeys: { points: c.AUTH_FAILURE_LIMIT, windowSeconds: c.AUTH_FAILURE_WINDOW_SECONDS, blockSeconds: c.AUTH_FAILURE_BLOCK_SECONDS },
      failedAdminTokens: { points: c.ADMIN_AUTH_FAILURE_LIMIT, windowSeconds: c.AUTH_FAILURE_WINDOW_SECONDS, blockSeconds: c.ADMIN_AUTH_FAILURE_BLOCK_SECONDS },
    },
  };
}

/** Reads the environment once at start; every mistake is reported at once, by variable name. */
export function loadConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid gateway configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}
