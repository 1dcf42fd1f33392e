import { availableParallelism } from 'node:os';
import { metricsTokenSchema } from '@finops/http-kit';
import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  SHUTDOWN_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  FORECASTER_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  METRICS_TOKEN: metricsTokenSchema,
});

export type ForecasterConfig = {
  port: number;
  host: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  bodyLimitBytes: number;
  shutdownDrainTimeoutMs: number;
  /** Worker processes serving the port (one per core by default); 1 serves from this process alone. */
  workers: number;
  /** Bearer token a `/metrics` scrape must send; unset, `/metrics` answers loopback clients only. */
  metricsToken: string | undefined;
};

/** Reads the environment once at start; every mistake is reported at once, by variable name. */
export function loadConfig(env: NodeJS.ProcessEnv): ForecasterConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid forecaster configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    shutdownDrainTimeoutMs: c.SHUTDOWN_DRAIN_TIMEOUT_MS,
    workers: c.FORECASTER_WORKERS ?? availableParallelism(),
    metricsToken: c.METRICS_TOKEN,
  };
}
