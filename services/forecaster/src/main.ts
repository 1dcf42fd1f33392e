import { createLogger, runMain, serve } from '@finops/http-kit';
import { createApp } from './app';
import { loadConfig } from './config';

runMain(() => {
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'forecaster', level: config.logLevel });
  serve((isShuttingDown) => createApp({ logger, bodyLimitBytes: config.bodyLimitBytes, isShuttingDown }), {
    name: 'forecaster',
    port: config.port,
    host: config.host,
    logger,
    drainTimeoutMs: config.shutdownDrainTimeoutMs,
  });
});
