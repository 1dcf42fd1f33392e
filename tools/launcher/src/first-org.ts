import { OrgsRepository, OrgsService } from '@finops/gateway';
import { withGatewayDatabase } from './gateway-database';

export const LOCAL_ORG_NAME = 'local';

export type FirstOrg = { created: true; orgId: string; apiKey: string } | { created: false; orgId: string };

/** On the first start, the org "local" and its first API key; later starts find it and create nothing. */
export function ensureFirstOrg(databaseUrl: string): Promise<FirstOrg> {
  return withGatewayDatabase(databaseUrl, async (prisma) => {
    const orgs = new OrgsService(new OrgsRepository(prisma));
    const existing = await orgs.findByName(LOCAL_ORG_NAME);
    if (existing) return { created: false, orgId: existing.id };
    const { org, secret } = await orgs.create(LOCAL_ORG_NAME, 'first key');
    return { created: true, orgId: org.id, apiKey: secret };
  });
}
