import { createLogger, installGracefulShutdown } from '@finops/http-kit';
import { createServer } from 'node:http';
import { createApp } from './app';
import { loadConfig } from './config';
import { createPool } from './db/pool';
import { createPrisma } from './db/prisma';

function main(): void {
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'gateway', level: config.logLevel });
  const pool = createPool(config.databaseUrl, config.dbPoolSize);
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const prisma = createPrisma(pool);

  let isShuttingDown = (): boolean => false;
  const gateway = createApp({ logger, pool, prisma, settings: config, isShuttingDown: () => isShuttingDown() });
  const server = createServer(gateway.app);
  server.keepAliveTimeout = 65_000;
  ({ isShuttingDown } = installGracefulShutdown(server, {
    logger,
    drainTimeoutMs: config.shutdownDrainTimeoutMs,
    onDrained: async () => {
      await gateway.drain();
      await gateway.stop();
      await prisma.$disconnect();
      await pool.end();
    },
  }));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, host: config.host }, 'gateway listening');
    gateway.start();
    process.send?.({ ready: true, port });
  });
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
