import { loadConfig } from './config';

describe('loadConfig', () => {
  test('when only DATABASE_URL is set, then documented defaults apply', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/finops' })).toMatchObject({ port: 3000, host: '127.0.0.1', logLevel: 'info', adminToken: undefined });
  });

  test('when several variables are wrong, then one error names each of them', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', ADMIN_TOKEN: 'short' })).toThrow(
      /DATABASE_URL: is required[\s\S]*PORT:[\s\S]*LOG_LEVEL:[\s\S]*ADMIN_TOKEN: must be at least 32 characters/,
    );
  });

  test('when ADMIN_TOKEN is set but empty (as compose passes an unset variable), then the admin API is off', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
  });

  test('when DASHBOARD_DIR is not set, then the dashboard is served from its workspace package build', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).dashboardDir).toMatch(/packages[/\\]dashboard[/\\]dist$/);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', DASHBOARD_DIR: '/srv/dashboard' }).dashboardDir).toBe('/srv/dashboard');
  });

  test('when the guard variables are set, then the guard settings and its pool size take them', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://x/y', GUARD_CHECK_TIMEOUT_MS: '100', GUARD_LEASE_MS: '60000', GUARD_POLICY_MEMORY_REFRESH_MS: '5000',
      GUARD_SWEEP_INTERVAL_MS: '1000', GUARD_RESERVATION_RETENTION_MS: '0', GUARD_DB_POOL_SIZE: '8',
    });

    expect(config.guard).toEqual({ checkTimeoutMs: 100, leaseMs: 60_000, policyMemoryRefreshMs: 5_000, sweepIntervalMs: 1_000, reservationRetentionMs: 0, warmConnections: 8 });
    expect(config.guardDbPoolSize).toBe(8);
  });

  test('when the anomaly variables are unset, then detection runs hourly on 28 days at normal sensitivity; wrong ones are refused by name', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' })).toMatchObject({
      anomalyJobIntervalMs: 300_000,
      anomalyDetection: { windowDays: 28, minSeriesSpendUsd: '10', sensitivity: 'normal' },
    });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', ANOMALY_WINDOW_DAYS: '14', ANOMALY_MIN_SERIES_SPEND_USD: '-1', ANOMALY_SENSITIVITY: 'loud' })).toThrow(
      /ANOMALY_WINDOW_DAYS:[\s\S]*ANOMALY_MIN_SERIES_SPEND_USD: must be a decimal amount[\s\S]*ANOMALY_SENSITIVITY: must be low, normal or high/,
    );
  });

  test('when the guard timeout is below 10 ms, then start-up refuses it by name', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', GUARD_CHECK_TIMEOUT_MS: '5' })).toThrow(/GUARD_CHECK_TIMEOUT_MS/);
  });

  test('when WEBHOOK_ALLOW_INSECURE_TARGETS is unset, then webhook targets must be public https; true or 1 allows insecure ones', () => {
    const url = 'postgres://x/y';
    expect(loadConfig({ DATABASE_URL: url }).allowInsecureWebhookTargets).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' }).allowInsecureWebhookTargets).toBe(true);
    expect(loadConfig({ DATABASE_URL: url, WEBHOOK_ALLOW_INSECURE_TARGETS: '1' }).allowInsecureWebhookTargets).toBe(true);
    expect(() => loadConfig({ DATABASE_URL: url, WEBHOOK_ALLOW_INSECURE_TARGETS: 'yes' })).toThrow(/WEBHOOK_ALLOW_INSECURE_TARGETS: must be true or false/);
  });

  test('when no rate limit variables are set, then limits are kept in memory with the documented defaults', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).rateLimits).toEqual({
      store: 'memory', redisUrl: undefined, keyPrefix: 'finops-rl',
      ingest: { points: 6_000, windowSeconds: 60 }, guard: { points: 6_000, windowSeconds: 60 }, read: { points: 1_200, windowSeconds: 60 },
      failedApiKeys: { points: 20, windowSeconds: 60, blockSeconds: 300 }, failedAdminTokens: { points: 5, windowSeconds: 60, blockSeconds: 900 },
    });
  });

  test('when the rate limit variables are set, then every budget takes them', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://x/y', RATE_LIMIT_STORE: 'redis', REDIS_URL: 'redis://cache:6379', RATE_LIMIT_KEY_PREFIX: 'prod',
      RATE_LIMIT_WINDOW_SECONDS: '10', RATE_LIMIT_INGEST: '500', RATE_LIMIT_GUARD: '400', RATE_LIMIT_READ: '50',
      AUTH_FAILURE_WINDOW_SECONDS: '30', AUTH_FAILURE_LIMIT: '7', AUTH_FAILURE_BLOCK_SECONDS: '120', ADMIN_AUTH_FAILURE_LIMIT: '2', ADMIN_AUTH_FAILURE_BLOCK_SECONDS: '3600',
    });

    expect(config.rateLimits).toEqual({
      store: 'redis', redisUrl: 'redis://cache:6379', keyPrefix: 'prod',
      ingest: { points: 500, windowSeconds: 10 }, guard: { points: 400, windowSeconds: 10 }, read: { points: 50, windowSeconds: 10 },
      failedApiKeys: { points: 7, windowSeconds: 30, blockSeconds: 120 }, failedAdminTokens: { points: 2, windowSeconds: 30, blockSeconds: 3600 },
    });
  });

  test('when the rate limit variables are wrong, then start-up names each of them', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://x/y', RATE_LIMIT_STORE: 'disk', REDIS_URL: 'http://cache', RATE_LIMIT_INGEST: '0', RATE_LIMIT_WINDOW_SECONDS: 'soon', RATE_LIMIT_KEY_PREFIX: 'a b' }),
    ).toThrow(
      /RATE_LIMIT_STORE: must be memory, postgres or redis[\s\S]*REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL[\s\S]*RATE_LIMIT_KEY_PREFIX: must be 1 to 64[\s\S]*RATE_LIMIT_WINDOW_SECONDS:[\s\S]*RATE_LIMIT_INGEST:/,
    );
  });

  test('when the store is redis without REDIS_URL, then start-up says REDIS_URL is required', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', RATE_LIMIT_STORE: 'redis' })).toThrow(/REDIS_URL: is required when RATE_LIMIT_STORE=redis/);
  });

  test('when METRICS_TOKEN is unset or empty, then metrics answer loopback only; a short one is refused by name', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).metricsToken).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe('m'.repeat(32));
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_TOKEN: `${'m'.repeat(32)} x` })).toThrow(/METRICS_TOKEN: must be printable ASCII/);
  });

  test('when METRICS_ORG_LABELS is unset, then metrics carry no org label; true or 1 adds it, anything else is refused by name', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).metricsOrgLabels).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_ORG_LABELS: 'true' }).metricsOrgLabels).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_ORG_LABELS: '1' }).metricsOrgLabels).toBe(true);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', METRICS_ORG_LABELS: 'yes' })).toThrow(/METRICS_ORG_LABELS: must be true or false/);
  });
});
