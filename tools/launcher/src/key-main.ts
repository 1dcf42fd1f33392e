import { parseArgs } from 'node:util';
import { apiKeyScopes, ApiKeyScopeSchema } from '@finops/contracts';
import { loadLauncherConfig } from './launcher-config';
import { LOCAL_ORG_NAME } from './first-org';
import { mintLocalKey } from './local-key';

/* eslint-disable no-console -- a command for a person at a terminal */

const USAGE = `usage: npm run key [-- --org <name>] [--scopes ingest,read,manage] [--name <label>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { org: { type: 'string', default: LOCAL_ORG_NAME }, scopes: { type: 'string', default: apiKeyScopes.join(',') }, name: { type: 'string', default: 'npm run key' } },
  });
  const scopes = values.scopes.split(',').map((scope) => {
    const parsed = ApiKeyScopeSchema.safeParse(scope.trim());
    if (!parsed.success) throw new Error(`--scopes: "${scope}" is not a scope (one of ${apiKeyScopes.join(', ')})\n${USAGE}`);
    return parsed.data;
  });
  const minted = await mintLocalKey(loadLauncherConfig(process.env), { org: values.org, name: values.name, scopes: [...new Set(scopes)] });
  console.log(`A new API key for the org "${values.org}" (${minted.orgId}), scopes ${minted.scopes.join(', ')}; shown once, only its hash is stored:\n`);
  console.log(`  export FINOPS_API_KEY=${minted.key}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
