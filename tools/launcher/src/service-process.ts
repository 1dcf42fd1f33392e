import { fork, type ChildProcess } from 'node:child_process';

/** Where a service's output goes; called with each chunk as it arrives. */
export interface ServiceOutput {
  stdout: (chunk: Buffer) => void;
  stderr: (chunk: Buffer) => void;
}

const PASS_THROUGH: ServiceOutput = { stdout: (chunk) => process.stdout.write(chunk), stderr: (chunk) => process.stderr.write(chunk) };

export interface ServiceProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM, then wait: the service drains its in-flight requests before it exits. */
  stop(): Promise<void>;
}

/**
 * Starts a service as a child process in its own process group (a terminal Ctrl-C reaches only the launcher, which
 * stops services in order) and resolves when it reports that it listens. `onUnexpectedExit` hears of every exit
 * that `stop()` did not ask for, during start-up (the promise rejects too) or later.
 */
export function startServiceProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void,
  options: { execArgv?: string[]; output?: ServiceOutput } = {},
): Promise<ServiceProcess> {
  // Output comes through the launcher rather than straight to the terminal: a service never shares a descriptor
  // whose blocking mode other processes change (Node resets it at exit), and never waits for a reader.
  const child = fork(entry, [], { env, execArgv: options.execArgv ?? [], detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const output = options.output ?? PASS_THROUGH;
  child.stdout!.on('data', output.stdout);
  child.stderr!.on('data', output.stderr);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`${name} could not be started: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (stopping) return;
      reject(new Error(`${name} exited during start-up (${signal ? `signal ${signal}` : `code ${code}`})`));
      onUnexpectedExit(code, signal);
    });
    child.once('message', (message: { ready?: boolean; port?: number }) => {
      if (!message.ready || message.port === undefined) return;
      resolve({
        name,
        port: message.port,
        child,
        stop: async () => {
          stopping = true;
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Last resort when stopping takes too long: the whole process group, so nothing a service started outlives it. */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
