import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TEST_ADMIN_TOKEN, testDatabaseUrl } from './test-gateway';

const GATEWAY_ENTRY = join(__dirname, '../../dist/src/main.js');

export interface GatewayProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** A real gateway process from the build (as `npm start` runs it) on a free port, against the test database. */
export async function startGatewayProcess(env: Record<string, string> = {}): Promise<GatewayProcess> {
  const child = fork(GATEWAY_ENTRY, [], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: '0', LOG_LEVEL: 'silent', ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
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
