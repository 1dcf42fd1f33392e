import cluster from 'node:cluster';
import { createLogger, runMain, runWorkerPool, serve } from '@finops/http-kit';
import { createApp } from './app';
import { loadConfig } from './config';

// A forecast is CPU-bound work of a few milliseconds, so one process serves one core. With FORECASTER_WORKERS > 1
// (default: one per available core) this process becomes a node:cluster primary that forks the workers, which share
// the port, and coordinates their graceful shutdown; each worker (or this process, with 1) runs the app below. The
// service holds no state, so any worker gives the same answer to the same request.
runMain(() => {
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'forecaster', level: config.logLevel });
  if (config.workers > 1 && cluster.isPrimary) {
    runWorkerPool({ name: 'forecaster', workers: config.workers, logger, drainTimeoutMs: config.shutdownDrainTimeoutMs });
    return;
  }
  serve((isShuttingDown) => createApp({ logger, bodyLimitBytes: config.bodyLimitBytes, isShuttingDown, metricsToken: config.metricsToken }), {
    name: 'forecaster',
    port: config.port,
    host: config.host,
    logger,
    drainTimeoutMs: config.shutdownDrainTimeoutMs,
  });
});
