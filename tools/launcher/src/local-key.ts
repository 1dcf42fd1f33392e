import { join } from 'node:path';
import type { ApiKeyScope } from '@finops/contracts';
import { existingClusterUrl, spawnDevPostgres } from '@finops/dev-postgres';
import { ApiKeysRepository, ApiKeysService, OrgsRepository, OrgsService, prepareDatabase } from '@finops/gateway';
import { withGatewayDatabase } from './gateway-database';
import type { LauncherConfig } from './launcher-config';
import { portInUse } from './running-stack';

export interface MintedKey {
  orgId: string;
  key: string;
  scopes: ApiKeyScope[];
}

/**
 * A new key for an org of this installation, written straight to its database: it works whether or not the system
 * is running (the embedded PostgreSQL is started for the moment when it is not), and needs no admin token.
 */
export async function mintLocalKey(config: LauncherConfig, request: { org: string; name: string; scopes: ApiKeyScope[] }): Promise<MintedKey> {
  const mint = async (databaseUrl: string) => {
    // Before the first `npm start` the tables do not exist yet: the same migrations make the answer "no such org".
    await prepareDatabase(databaseUrl);
    return withGatewayDatabase(databaseUrl, async (prisma) => {
      const org = await new OrgsService(new OrgsRepository(prisma)).findByName(request.org);
      if (!org) throw new Error(`there is no org named "${request.org}" (the first start creates "local"; pass --org <name> for another)`);
      // The cache of a running gateway refreshes on its own; a new key has nothing to forget.
      const { apiKey, secret } = await new ApiKeysService(new ApiKeysRepository(prisma), () => undefined).mintForOrg(org.id, request.name, request.scopes);
      return { orgId: org.id, key: secret, scopes: apiKey.scopes };
    });
  };

  if (config.DATABASE_URL) return mint(config.DATABASE_URL);
  const dataDir = join(config.DATA_DIR, 'postgres');
  if (await portInUse('127.0.0.1', config.EMBEDDED_PG_PORT)) return mint(await existingClusterUrl(dataDir, config.EMBEDDED_PG_PORT, 'finops'));
  const database = await spawnDevPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, database: 'finops' });
  try {
    return await mint(database.url);
  } finally {
    await database.stop();
  }
}
