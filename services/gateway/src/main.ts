import { createLogger, runMain, serve } from '@finops/http-kit';
import { createApp, type Gateway } from './app';
import { loadConfig } from './config';
import { createPool } from './db/pool';
import { createPrisma } from './db/prisma';

runMain(() => {
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'gateway', level: config.logLevel });
  const pool = createPool(config.databaseUrl, config.dbPoolSize);
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const guardPool = createPool(config.databaseUrl, config.guardDbPoolSize, 'finops-gateway-guard', { pipeline: true });
  guardPool.on('error', (error) => logger.error({ err: error }, 'idle guard database connection failed'));
  const prisma = createPrisma(pool);

  let gateway: Gateway | undefined;
  serve(
    (isShuttingDown) => {
      gateway = createApp({ logger, pool, guardPool, prisma, settings: config, isShuttingDown });
      return gateway.app;
    },
    {
      name: 'gateway',
      port: config.port,
      host: config.host,
      logger,
      drainTimeoutMs: config.shutdownDrainTimeoutMs,
      onListening: () => gateway?.start(),
      onDrained: async () => {
        await gateway?.drain();
        await gateway?.stop();
        await prisma.$disconnect();
        await pool.end();
        await guardPool.end();
      },
    },
  );
});
