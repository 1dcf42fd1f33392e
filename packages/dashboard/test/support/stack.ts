import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '../../../..');
export const ADMIN_TOKEN = 'dashboard-e2e-admin-token-0123456789abcdef';

export interface ServiceProcess {
  url: string;
  stop(): Promise<void>;
}

/** A built service as its own process on a free port (it reports the port over IPC), like the launcher runs it. */
async function startService(entry: string, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const child: ChildProcess = fork(join(REPO_ROOT, entry), [], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited during start-up (code ${code})`)));
    child.on('message', (message: { ready?: boolean; port?: number }) => {
      if (message.ready && message.port !== undefined) resolve(message.port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Stack {
  gatewayUrl: string;
  /** The gateway's clock: the wall clock shifted to run from `asOf`. */
  now(): Date;
  stop(): Promise<void>;
}

/**
 * The forecaster and the gateway (serving the built dashboard) against the test run's database, the gateway's clock
 * running from `asOf` (the gateway's test-clock entry), so that the tests' figures do not depend on today's date.
 */
export async function startStack(options: { asOf: Date; dashboardDir?: string }): Promise<Stack> {
  const databaseUrl = process.env.FINOPS_TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('FINOPS_TEST_DATABASE_URL is not set: run integration tests through jest (global setup)');
  const forecaster = await startService('services/forecaster/dist/src/main.js', {});
  try {
    const clockOffsetMs = options.asOf.getTime() - Date.now();
    const gateway = await startService('services/gateway/test/support/gateway-on-test-clock.cjs', {
      DATABASE_URL: databaseUrl,
      ADMIN_TOKEN,
      FORECASTER_URL: forecaster.url,
      FINOPS_TEST_CLOCK_OFFSET_MS: String(clockOffsetMs),
      ...(options.dashboardDir ? { DASHBOARD_DIR: options.dashboardDir } : {}),
    });
    return {
      gatewayUrl: gateway.url,
      now: () => new Date(Date.now() + clockOffsetMs),
      stop: async () => {
        await gateway.stop();
        await forecaster.stop();
      },
    };
  } catch (error) {
    await forecaster.stop();
    throw error;
  }
}

/** A new org with its first key, through the admin API. */
export async function createOrg(gatewayUrl: string, name: string): Promise<{ apiKey: string; apiKeyId: string }> {
  const response = await fetch(`${gatewayUrl}/api/v1/admin/orgs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`could not create org: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { apiKey: { id: string; key: string } };
  return { apiKey: created.apiKey.key, apiKeyId: created.apiKey.id };
}

/** GET on the public API with a key; the raw response. */
export function apiGet(gatewayUrl: string, apiKey: string, path: string): Promise<Response> {
  return fetch(`${gatewayUrl}${path}`, { headers: { Authorization: `Bearer ${apiKey}` } });
}
