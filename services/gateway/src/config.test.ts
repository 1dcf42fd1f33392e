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
});
