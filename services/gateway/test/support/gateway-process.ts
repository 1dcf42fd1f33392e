import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RunningClock } from './clocks';
import { TEST_ADMIN_TOKEN, testDatabaseUrl } from './test-gateway';

const GATEWAY_ENTRY = join(__dirname, '../../dist/src/main.js');
const GATEWAY_ON_TEST_CLOCK_ENTRY = join(__dirname, 'gateway-on-test-clock.cjs');

export interface GatewayProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * A real gateway process from the build (as `npm start` runs it) on a free port, against the test database; with a
 * `clock`, the built gateway wired the same way but on that clock (gateway-on-test-clock.cjs).
 */
export async function startGatewayProcess(env: Record<string, string> = {}, options: { clock?: RunningClock } = {}): Promise<GatewayProcess> {
  const clockEnv = options.clock ? { FINOPS_TEST_CLOCK_OFFSET_MS: String(options.clock.offsetMs) } : {};
  const child = fork(options.clock ? GATEWAY_ON_TEST_CLOCK_ENTRY : GATEWAY_ENTRY, [], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: '0', LOG_LEVEL: 'silent', ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...clockEnv, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway exited during start-up (code ${code})`)));
    child.on('message', (message: { port?: number }) => {
      if (message.port) resolve(message.port);
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
