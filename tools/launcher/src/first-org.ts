import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OrgsRepository, OrgsService } from '@finops/gateway';
import { withGatewayDatabase } from './gateway-database';

export const LOCAL_ORG_NAME = 'local';

export type FirstOrg = { created: true; orgId: string; apiKey: string; keyFile: string } | { created: false; orgId: string };

/**
 * On the first start, the org "local" and its first API key, also kept (0600) in the data directory since a terminal
 * can lose it; later starts find the org and create nothing.
 */
export function ensureFirstOrg(databaseUrl: string, dataDir: string): Promise<FirstOrg> {
  return withGatewayDatabase(databaseUrl, async (prisma) => {
    const orgs = new OrgsService(new OrgsRepository(prisma));
    const existing = await orgs.findByName(LOCAL_ORG_NAME);
    if (existing) return { created: false, orgId: existing.id };
    const { org, secret } = await orgs.create(LOCAL_ORG_NAME, 'first key');
    const keyFile = join(dataDir, 'local-api-key');
    await mkdir(dataDir, { recursive: true });
    await writeFile(keyFile, `${secret}\n`, { mode: 0o600 });
    return { created: true, orgId: org.id, apiKey: secret, keyFile };
  });
}
