import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  logger: Logger;
  /** Upper bound for in-flight requests to finish after the listener closed. */
  drainTimeoutMs: number;
  /** Runs after the last request finished: flush buffers, close pools. */
  onDrained: () => Promise<void>;
  signals?: NodeJS.Signals[];
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
    try {
      await options.onDrained();
      options.logger.info('shutdown complete');
      process.exit(0);
    } catch (error) {
      options.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, (s) => void shutdown(s));
  return { isShuttingDown: () => shuttingDown };
}
