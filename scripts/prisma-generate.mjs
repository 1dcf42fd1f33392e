#!/usr/bin/env node
// `prisma generate` never runs the schema engine, but Prisma 7's CLI tries to download it unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file. Offline machines cannot download it, so point it at node.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaCli = join(root, 'services/gateway/node_modules/.bin/prisma');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const result = spawnSync(prismaCli, ['generate', '--config', join(root, 'prisma.config.ts')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env,
});
if (result.error) throw result.error;
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? '');
  process.exit(result.status ?? 1);
}
