import { createLogger, serve } from '@finops/http-kit';
import { createApp, type Gateway } from './app';
import { loadConfig } from './config';
import { createPool } from './db/pool';
import { createPrisma } from './db/prisma';

export interface StartOptions {
  /** The clock for periods, leases, events and retries; the wall clock unless a caller runs the gateway as of another time. */
  now?: () => Date;
}

/** The gateway as a server: config from `env`, the pools, the app, graceful shutdown. main.ts is this with process.env. */
export function startGateway(env: NodeJS.ProcessEnv, options: StartOptions = {}): void {
  const config = loadConfig(env);
  const logger = createLogger({ name: 'gateway', level: config.logLevel });
  const pool = createPool(config.databaseUrl, config.dbPoolSize);
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const guardPool = createPool(config.databaseUrl, config.guardDbPoolSize, 'finops-gateway-guard', { pipeline: true });
  guardPool.on('error', (error) => logger.error({ err: error }, 'idle guard database connection failed'));
  const prisma = createPrisma(pool);

  let gateway: Gateway | undefined;
  serve(
    (isShuttingDown) => {
      gateway = createApp({ logger, pool, guardPool, prisma, settings: config, isShuttingDown, now: options.now });
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
}
