import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The admin token from the environment, or one generated once and kept (0600) in the data directory. */
export async function resolveAdminToken(fromEnv: string | undefined, dataDir: string): Promise<{ token: string; file?: string }> {
  if (fromEnv) return { token: fromEnv };
  const file = join(dataDir, 'admin-token');
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (existing) return { token: existing, file };
  const token = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}
