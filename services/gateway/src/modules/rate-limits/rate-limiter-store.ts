import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DbPool } from '../../db/pool';
import type { Budget, RateLimitSettings } from './rate-limit-settings';

/** Created by migration 20261204110000_create_rate_limits, so the limiter never issues DDL as the app role. */
const POSTGRES_TABLE = 'rate_limits';

export interface LimiterOptions extends Budget {
  /** Separates the counters of each budget class in a shared store. */
  name: string;
  blockSeconds?: number;
}

export interface LimiterStore {
  limiter(options: LimiterOptions): RateLimiterAbstract;
  close(): Promise<void>;
}

/**
 * Builds the limiters of every budget on one store. The shared stores carry an in-memory insurance limiter with the
 * same budget: if Redis or PostgreSQL stops answering, limits hold per replica instead of failing requests.
 */
export function createLimiterStore(settings: Pick<RateLimitSettings, 'store' | 'redisUrl' | 'keyPrefix'>, pool: DbPool, logger: Logger): LimiterStore {
  const prefix = (options: LimiterOptions) => `${settings.keyPrefix}:${options.name}`;
  const memory = (options: LimiterOptions) =>
    new RateLimiterMemory({ keyPrefix: prefix(options), points: options.points, duration: options.windowSeconds, blockDuration: options.blockSeconds ?? 0 });

  switch (settings.store) {
    case 'memory':
      return { limiter: memory, close: async () => undefined };
    case 'postgres':
      return {
        limiter: (options) =>
          new RateLimiterPostgres({
            storeClient: pool,
            storeType: 'pool',
            tableName: POSTGRES_TABLE,
            tableCreated: true,
            keyPrefix: prefix(options),
            points: options.points,
            duration: options.windowSeconds,
            blockDuration: options.blockSeconds ?? 0,
            insuranceLimiter: memory(options),
          }),
        close: async () => undefined,
      };
    case 'redis': {
      if (!settings.redisUrl) throw new Error('RATE_LIMIT_STORE=redis needs REDIS_URL');
      // One retry, then the insurance limiter answers: a Redis outage must not stall ingest behind a reconnect.
      const client = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1, connectionName: 'finops-gateway-rate-limits' });
      client.on('error', (error: Error) => logger.warn({ err: error }, 'rate limit store (Redis) unavailable: limits hold per replica'));
      return {
        limiter: (options) =>
          new RateLimiterRedis({
            storeClient: client,
            keyPrefix: prefix(options),
            points: options.points,
            duration: options.windowSeconds,
            blockDuration: options.blockSeconds ?? 0,
            insuranceLimiter: memory(options),
          }),
        close: async () => {
          await client.quit().catch(() => client.disconnect());
        },
      };
    }
  }
}
