import cluster from 'node:cluster';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from 'pino';
import { installGracefulShutdown, stopWhenParentGoes } from './graceful-shutdown';

export interface ServeOptions {
  name: string;
  port: number;
  host: string;
  logger: Logger;
  drainTimeoutMs: number;
  /** Runs once the port is bound (start background work here). */
  onListening?: () => void;
  /** Runs after the last in-flight request finished on shutdown: flush, stop workers, close pools. */
  onDrained?: () => Promise<void>;
}

/**
 * Listens with graceful shutdown installed and tells a parent process (the launcher, tests, benchmarks) the bound
 * port over IPC, so PORT=0 works everywhere. `buildApp` receives the shutdown flag for its readiness check.
 * In a `node:cluster` worker (see `runWorkerPool`) the message goes to the primary, and only SIGTERM (sent by the
 * primary) starts the drain: SIGINT from a terminal reaches the primary too, which relays it once.
 */
export function serve(buildApp: (isShuttingDown: () => boolean) => RequestListener, options: ServeOptions): Server {
  const shutdownState = { isShuttingDown: () => false };
  const server = createServer(buildApp(() => shutdownState.isShuttingDown()));
  // Longer than common load balancers' idle timeouts, so they never reuse a connection the server just closed.
  server.keepAliveTimeout = 65_000;
  if (cluster.isWorker) process.on('SIGINT', () => undefined);
  shutdownState.isShuttingDown = installGracefulShutdown(server, {
    logger: options.logger,
    drainTimeoutMs: options.drainTimeoutMs,
    onDrained: options.onDrained ?? (async () => undefined),
    signals: cluster.isWorker ? ['SIGTERM'] : ['SIGTERM', 'SIGINT'],
  }).isShuttingDown;
  // Cluster workers need nothing here: Node ends a worker whose primary is gone.
  if (!cluster.isWorker) stopWhenParentGoes(shutdownState.isShuttingDown);
  server.listen(options.port, options.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    options.logger.info({ port, host: options.host }, `${options.name} listening`);
    options.onListening?.();
    process.send?.({ ready: true, port });
  });
  return server;
}

/** Runs a service's main; a configuration error ends the process with its message (no stack trace to dig through). */
export function runMain(main: () => void): void {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
