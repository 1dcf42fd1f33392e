import { fork, type ChildProcess } from 'node:child_process';

export interface ServiceProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM, then wait: the service drains its in-flight requests before it exits. */
  stop(): Promise<void>;
}

/**
 * Starts a service as a child process in its own process group (a terminal Ctrl-C reaches only the launcher, which
 * stops services in order) and resolves when it reports that it listens.
 */
export function startServiceProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  onUnexpectedExit: (code: number | null) => void,
  execArgv: string[] = [],
): Promise<ServiceProcess> {
  const child = fork(entry, [], { env, execArgv, detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (stopping) return;
      reject(new Error(`${name} exited during start-up (code ${code})`));
      onUnexpectedExit(code);
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
