import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { flushLogs } from './logger';

export interface ShutdownOptions {
  logger: Logger;
  /** Upper bound for in-flight requests to finish after the listener closed. */
  drainTimeoutMs: number;
  /** Runs after the last request finished: flush buffers, close pools. */
  onDrained: () => Promise<void>;
  signals?: NodeJS.Signals[];
}

const RELEASE_MARGIN_MS = 5_000;

/**
 * A parent that disappears (a launcher killed with SIGKILL) cannot send SIGTERM any more: its closed IPC channel
 * means the same, so the process stops as if it had been sent SIGTERM. For processes forked with an IPC channel only.
 */
export function stopWhenParentGoes(isShuttingDown: () => boolean): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    if (!isShuttingDown()) process.kill(process.pid, 'SIGTERM');
  });
}

/**
 * On SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (keep-alive connections are closed
 * as soon as they are idle), then release resources and exit. A second signal exits at once.
 */
export function installGracefulShutdown(server: Server, options: ShutdownOptions): { isShuttingDown: () => boolean } {
  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) {
      options.logger.warn({ signal }, 'second signal, exiting immediately');
      process.exit(1);
    }
    shuttingDown = true;
    // Shutdown always ends: whatever hangs after the drain (a pool that never closes) gets this long, no longer.
    setTimeout(() => {
      options.logger.error({ afterMs: options.drainTimeoutMs + RELEASE_MARGIN_MS }, 'shutdown did not finish, exiting');
      process.exit(1);
    }, options.drainTimeoutMs + RELEASE_MARGIN_MS).unref();
    options.logger.info({ signal }, 'shutting down: draining in-flight requests');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.drainTimeoutMs).unref());
    const outcome = await Promise.race([closed, timedOut]);
    clearInterval(idleSweep);
    if (outcome === 'timeout') {
      options.logger.warn({ drainTimeoutMs: options.drainTimeoutMs }, 'drain timed out, closing remaining connections');
      server.closeAllConnections();
    }
    let exitCode = 0;
    try {
      await options.onDrained();
      options.logger.info('shutdown complete');
    } catch (error) {
      options.logger.error({ err: error }, 'shutdown failed');
      exitCode = 1;
    }
    await flushLogs(options.logger);
    process.exit(exitCode);
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, (s) => void shutdown(s));
  return { isShuttingDown: () => shuttingDown };
}
