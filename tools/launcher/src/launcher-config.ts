import { resolve } from 'node:path';
import { z } from 'zod';

const REPO_ROOT = resolve(__dirname, '../../../..');

const LauncherEnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL').optional(),
  DATA_DIR: z.string().min(1).default(resolve(REPO_ROOT, '.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  FORECASTER_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  HOST: z.string().min(1).default('127.0.0.1'),
  ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  // Request logs at `info` would scroll the banner and its key away in a terminal: asked for, not the default.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type LauncherConfig = z.infer<typeof LauncherEnvSchema> & { repoRoot: string };

export function loadLauncherConfig(env: NodeJS.ProcessEnv): LauncherConfig {
  const parsed = LauncherEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, repoRoot: REPO_ROOT };
}
