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
});
