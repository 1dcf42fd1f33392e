import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { stopWhenParentGoes } from './graceful-shutdown';
import { flushLogs } from './logger';

export interface WorkerPoolOptions {
  name: string;
  /** How many worker processes serve (each runs the whole service and calls `serve()`). */
  workers: number;
  logger: Logger;
  /** The workers' own drain bound; a worker still running this long (plus a margin) after SIGTERM is killed. */
  drainTimeoutMs: number;
  /** Pause before a worker that died while serving is replaced (keeps a crash loop from spinning). */
  restartDelayMs?: number;
}

/** The message a parent receives once every worker listens: the one port they share, and the workers' pids. */
export interface PoolReadyMessage {
  ready: true;
  port: number;
  workers: number[];
}

const KILL_MARGIN_MS = 5_000;

function readyPort(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { ready, port } = message as { ready?: unknown; port?: unknown };
  return ready === true && typeof port === 'number' ? port : undefined;
}

/**
 * The primary of a `node:cluster` pool: forks `workers` copies of the running entry point, which serve the same
 * port (the primary owns the listening socket and hands connections to the workers in turn, so with PORT=0 they all
 * get the one port bound first). Like `serve()`, it tells a parent process the port over IPC, once every worker
 * listens: `{ ready: true, port, workers: [pids] }`.
 *
 * Shutdown: on SIGTERM or SIGINT every worker gets SIGTERM and drains its in-flight requests (`serve()` in a
 * worker ignores SIGINT, so a terminal's Ctrl-C reaching the whole process group does not count twice); the primary
 * exits when the last worker has, with 0 when all of them exited cleanly. A second signal exits at once. A worker
 * that dies while serving is replaced; one that dies before the pool is ready stops the pool (exit code 1), since
 * its siblings would most likely fail the same way.
 */
export function runWorkerPool(options: WorkerPoolOptions): void {
  const { logger, name } = options;
  const live = new Set<Worker>();
  const ports = new Map<number, number>();
  let reported = false;
  let shuttingDown = false;
  let failed = false;

  const exitWhenEmpty = (): void => {
    if (live.size === 0) void flushLogs(logger).then(() => process.exit(failed ? 1 : 0));
  };
  const stopAll = (): void => {
    for (const worker of live) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ workers: [...live].map((worker) => worker.process.pid) }, 'workers did not stop in time, killing them');
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.drainTimeoutMs + KILL_MARGIN_MS).unref();
    exitWhenEmpty();
  };
  const fork = (): void => {
    if (!shuttingDown) live.add(cluster.fork());
  };

  cluster.on('message', (worker, message: unknown) => {
    const port = readyPort(message);
    if (port === undefined || reported || shuttingDown) return;
    ports.set(worker.id, port);
    if (ports.size < options.workers) return;
    const distinct = new Set(ports.values());
    if (distinct.size !== 1) {
      logger.error({ ports: [...distinct] }, 'workers listen on different ports, stopping');
      failed = true;
      shuttingDown = true;
      stopAll();
      return;
    }
    reported = true;
    logger.info({ port, workers: options.workers }, `${name} listening with ${options.workers} workers`);
    const ready: PoolReadyMessage = { ready: true, port, workers: [...live].map((member) => member.process.pid ?? -1) };
    process.send?.(ready);
  });

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    ports.delete(worker.id);
    if (shuttingDown) {
      if (code !== 0) failed = true;
      exitWhenEmpty();
      return;
    }
    if (!reported) {
      logger.error({ workerPid: worker.process.pid, code, signal }, 'a worker exited during start-up, stopping');
      failed = true;
      shuttingDown = true;
      stopAll();
      return;
    }
    logger.error({ workerPid: worker.process.pid, code, signal }, 'a worker exited unexpectedly, starting another');
    setTimeout(fork, options.restartDelayMs ?? 1_000);
  });

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal, exiting immediately');
      for (const worker of live) worker.process.kill('SIGTERM');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal, workers: live.size }, 'shutting down: every worker drains its in-flight requests');
    stopAll();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  stopWhenParentGoes(() => shuttingDown);

  for (let i = 0; i < options.workers; i++) fork();
}
