import { createLogger, installGracefulShutdown } from '@finops/http-kit';
import { createServer } from 'node:http';
import { createApp } from './app';
import { loadConfig } from './config';

function main(): void {
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'forecaster', level: config.logLevel });
  let isShuttingDown = (): boolean => false;
  const app = createApp({ logger, bodyLimitBytes: config.bodyLimitBytes, isShuttingDown: () => isShuttingDown() });
  const server = createServer(app);
  ({ isShuttingDown } = installGracefulShutdown(server, {
    logger,
    drainTimeoutMs: config.shutdownDrainTimeoutMs,
    onDrained: async () => undefined,
  }));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, host: config.host }, 'forecaster listening');
    process.send?.({ ready: true, port });
  });
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
