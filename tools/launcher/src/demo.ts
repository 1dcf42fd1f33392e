import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_DEFAULTS, loadDemoData, type DemoLoadSummary } from '@finops/demo-data';

export const DEMO_ORG_NAME = 'demo';

/**
 * The demo org's key: the one kept (0600) in the data directory if the gateway still accepts it, else a new org
 * "demo" made through the admin API. Kept so that a second `npm run demo` fills the same org instead of a new one.
 */
async function demoApiKey(gatewayUrl: string, adminToken: string, dataDir: string): Promise<{ key: string; file: string; created: boolean }> {
  const file = join(dataDir, 'demo-api-key');
  const kept = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (kept) {
    const check = await fetch(new URL('/api/v1/cost/budgets', gatewayUrl), { headers: { Authorization: `Bearer ${kept}` } });
    if (check.ok) return { key: kept, file, created: false };
  }
  const response = await fetch(new URL('/api/v1/admin/orgs', gatewayUrl), {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: DEMO_ORG_NAME, apiKeyName: 'demo' }),
  });
  if (response.status !== 201) throw new Error(`could not create the demo org: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { apiKey: { key: string } };
  await writeFile(file, `${created.apiKey.key}\n`, { mode: 0o600 });
  return { key: created.apiKey.key, file, created: true };
}

/** Loads the demo dataset into the demo org through the running gateway; returns what to tell the person. */
export interface DemoOptions {
  gatewayUrl: string;
  adminToken: string;
  dataDir: string;
  log: (line: string) => void;
  /** The moment the demo runs up to: the gateway's clock (default: the wall clock, as the launched gateway's). */
  now?: Date;
}

export async function runDemo(options: DemoOptions): Promise<string> {
  const { key, file, created } = await demoApiKey(options.gatewayUrl, options.adminToken, options.dataDir);
  options.log(`loading ${DEMO_DEFAULTS.days} days of demo spend into the org "${DEMO_ORG_NAME}" through the API…`);
  let reported = 0;
  const summary = await loadDemoData({
    baseUrl: options.gatewayUrl,
    apiKey: key,
    now: options.now,
    onProgress: (sent, total) => {
      if (sent - reported >= 10_000 || sent === total) {
        reported = sent;
        options.log(`  ${sent} / ${total} traces`);
      }
    },
  });
  return demoBanner({ gatewayUrl: options.gatewayUrl, key, file, created, summary });
}

function demoBanner(options: { gatewayUrl: string; key: string; file: string; created: boolean; summary: DemoLoadSummary }): string {
  const { summary } = options;
  const newBatches = summary.batches - summary.replayedBatches;
  return [
    '',
    `Demo data: ${summary.traces} traces over ${DEMO_DEFAULTS.days} days in the org "${DEMO_ORG_NAME}"` +
      (newBatches === summary.batches ? '' : ` (${summary.replayedBatches} of ${summary.batches} batches were already stored: nothing duplicated)`),
    `  budget caps: ${summary.budgets.map((budget) => `${budget.name} $${budget.limitUsd}`).join(', ')}`,
    '',
    `Open ${options.gatewayUrl}/dashboard/ and paste the demo org's key${options.created ? ' (new)' : ''}:`,
    '',
    `  ${options.key}`,
    '',
    `(kept in ${options.file}; the dashboard keeps it only for the browser tab)`,
    '',
  ].join('\n');
}
