import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface DevPostgresProcess {
  url: string;
  pid: number;
  /** Fast shutdown of the server, resolved once the child process has exited. */
  stop(): Promise<void>;
}

export interface SpawnDevPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  startTimeoutMs?: number;
  /** Where the server's messages go (default: this process's stdout and stderr). */
  output?: { stdout: (chunk: Buffer) => void; stderr: (chunk: Buffer) => void };
}

type ReadyMessage = { ready: true; url: string } | { ready: false; error: string };

/**
 * Runs embedded PostgreSQL in its own process group, so a Ctrl-C in the terminal reaches the services first and the
 * database stops only after they have drained.
 */
export function spawnDevPostgres(options: SpawnDevPostgresOptions): Promise<DevPostgresProcess> {
  const child = fork(join(__dirname, 'cli.js'), [options.dataDir, String(options.port), options.database], {
    detached: true,
    // Through this process rather than inherited, so the server's process never shares (and at its exit resets)
    // the blocking mode of the terminal's descriptor.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', options.output?.stdout ?? ((chunk: Buffer) => process.stdout.write(chunk)));
  child.stderr!.on('data', options.output?.stderr ?? ((chunk: Buffer) => process.stderr.write(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL did not start within ${options.startTimeoutMs ?? 60_000} ms`));
    }, options.startTimeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited during start-up (code ${code})`));
    });
    child.once('message', (message: ReadyMessage) => {
      clearTimeout(timer);
      if (!message.ready) {
        reject(new Error(`embedded PostgreSQL failed to start: ${message.error}`));
        return;
      }
      resolve({ url: message.url, pid: child.pid ?? -1, stop: () => stopChild(child, exited) });
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await exited;
}
