import { decideRestart, type RestartPolicy } from './restart-policy';
import type { ServiceProcess } from './service-process';

export interface SupervisionOptions {
  name: string;
  /** Starts the service and resolves once it listens; calls `onExit` if it exits without being asked to. */
  start: (onExit: (code: number | null, signal: NodeJS.Signals | null) => void) => Promise<ServiceProcess>;
  policy: RestartPolicy;
  now: () => number;
  log: (line: string) => void;
  /** The crash loop the policy gives up on: the launcher stops everything with this message. */
  onGiveUp: (message: string) => void;
}

export interface SupervisedService {
  readonly name: string;
  /** The running process's pid, or undefined while it is being restarted. */
  pid(): number | undefined;
  /** Stops the service for good: no restart follows, a pending one is cancelled. */
  stop(): Promise<void>;
}

/** Starts a service and keeps it running: a crash is answered with a restart after the policy's pause. */
export async function superviseService(options: SupervisionOptions): Promise<SupervisedService> {
  const crashes: number[] = [];
  let current: ServiceProcess | undefined;
  let pendingRestart: NodeJS.Timeout | undefined;
  let stopped = false;
  // A service that cannot start the first time is the caller's error to report (the promise rejects), not a crash.
  let started = false;

  const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    current = undefined;
    if (stopped || !started) return;
    crashes.push(options.now());
    const decision = decideRestart(crashes, options.policy);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!decision.restart) {
      options.onGiveUp(`${options.name} keeps crashing (${decision.reason}, last with ${how}); not restarting it`);
      return;
    }
    options.log(`${options.name} exited unexpectedly (${how}); restarting in ${decision.delayMs} ms`);
    pendingRestart = setTimeout(() => void restart(), decision.delayMs);
  };

  const restart = async (): Promise<void> => {
    pendingRestart = undefined;
    if (stopped) return;
    try {
      const restarted = await options.start(onExit);
      if (stopped) await restarted.stop();
      else {
        current = restarted;
        options.log(`${options.name} is back (pid ${restarted.child.pid})`);
      }
    } catch {
      // A failed start has already reported its exit through onExit, which counted it as a crash.
    }
  };

  current = await options.start(onExit);
  started = true;
  return {
    name: options.name,
    pid: () => current?.child.pid,
    stop: async () => {
      stopped = true;
      clearTimeout(pendingRestart);
      await current?.stop();
    },
  };
}
