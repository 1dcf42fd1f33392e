import type { FirstOrg } from './first-org';

export function startBanner(options: { gatewayUrl: string; forecasterUrl: string; firstOrg: FirstOrg; adminTokenFile?: string; embedded: boolean; dataDir: string }): string {
  const { gatewayUrl, firstOrg } = options;
  const lines = [
    '',
    'AI FinOps is running',
    `  gateway     ${gatewayUrl}   (API docs: ${gatewayUrl}/docs)`,
    `  dashboard   ${gatewayUrl}/dashboard/   (paste an API key)`,
    `  forecaster  ${options.forecasterUrl}`,
    `  database    ${options.embedded ? `embedded PostgreSQL, data in ${options.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (options.adminTokenFile) lines.push(`  admin token in ${options.adminTokenFile}`);
  if (firstOrg.created) {
    lines.push(
      '',
      `Your API key for the org "local" (shown once, only its hash is stored; \`npm run key\` makes another):`,
      '',
      `  export FINOPS_API_KEY=${firstOrg.apiKey}`,
      '',
      `(also kept in ${firstOrg.keyFile}, readable only by you)`,
      '',
      'Send a first trace:',
      '',
      `  curl -X POST ${gatewayUrl}/api/v1/traces/ingest \\`,
      '    -H "Authorization: Bearer $FINOPS_API_KEY" -H "Content-Type: application/json" \\',
      `    -d '{"agentId":"agt_01j","input":"Summarise Q2 revenue figures","output":"...","costCenter":"finance","project":"q2-reporting","team":"data-analytics","tokensUsed":1840,"modelId":"claude-sonnet-4-6"}'`,
    );
  } else {
    lines.push('', `The org "local" exists already; its key was printed at the first start.`, `Lost it? \`npm run key\` prints a new one (or the admin token: POST /api/v1/admin/orgs/${firstOrg.orgId}/keys).`);
  }
  lines.push('', 'Ctrl-C stops everything (in-flight requests finish first). Request logs: LOG_LEVEL=info npm start', '');
  return lines.join('\n');
}
