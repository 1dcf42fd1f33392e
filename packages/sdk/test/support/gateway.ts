import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '../../../..');
const ADMIN_TOKEN = 'sdk-e2e-admin-token-0123456789abcdef0123';

export interface GatewayUnderTest {
  url: string;
  /** The gateway's clock: the wall clock shifted to run from the instant the test chose, never today's date. */
  now: () => Date;
  stop(): Promise<void>;
}

/**
 * The built gateway as its own process (the test-clock entry, so its dates are the test's) against the test run's
 * database and forecaster, as an agent meets it: over a socket, from another process.
 */
export async function startGateway(options: { asOf: string; env?: Record<string, string> }): Promise<GatewayUnderTest> {
  const clockOffsetMs = new Date(options.asOf).getTime() - Date.now();
  const child = fork(join(REPO_ROOT, 'services/gateway/test/support/gateway-on-test-clock.cjs'), [], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: requiredEnv('FINOPS_TEST_DATABASE_URL'),
      FORECASTER_URL: requiredEnv('FINOPS_TEST_FORECASTER_URL'),
      ADMIN_TOKEN,
      FINOPS_TEST_CLOCK_OFFSET_MS: String(clockOffsetMs),
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The gateway's own clock, as it reports it: under faketime this process's clock and the child's differ.
  let skewMs = clockOffsetMs;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the gateway exited during start-up (code ${code})`)));
    child.on('message', (message: { port?: number; testClockNowMs?: number }) => {
      if (message.testClockNowMs !== undefined) skewMs = message.testClockNowMs - Date.now();
      if (message.port !== undefined) resolve(message.port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    now: () => new Date(Date.now() + skewMs),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A new org through the admin API; its first key has every scope. */
export async function createOrg(gatewayUrl: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/v1/admin/orgs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: `sdk-${randomUUID()}` }),
  });
  if (response.status !== 201) throw new Error(`could not create an org: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { apiKey: { key: string } }).apiKey.key;
}

/** A POST on the public API outside the SDK (setting up budgets and policies is not the SDK's job). */
export async function apiPost(gatewayUrl: string, apiKey: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${gatewayUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest (global setup)`);
  return value;
}
