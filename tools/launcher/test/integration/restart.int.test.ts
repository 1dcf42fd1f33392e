import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, spawnDevPostgres } from '@finops/dev-postgres';
import { prepareDatabase } from '@finops/gateway';
import pg from 'pg';
import { ensureFirstOrg } from '../../src/first-org';

describe('npm start on the embedded database', () => {
  test('when the stack is restarted, then the data is still there, the first key stays in its 0600 file and no second org or key is created', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'finops-restart-'));
    const port = await findFreePort();
    try {
      const first = await spawnDevPostgres({ dataDir, port, database: 'finops' });
      let firstOrg;
      try {
        await prepareDatabase(first.url);
        firstOrg = await ensureFirstOrg(first.url, dataDir);
        const client = new pg.Client({ connectionString: first.url });
        await client.connect();
        await client.query(
          `INSERT INTO execution_traces (org_id, id, agent_id, model_id, input_tokens, output_tokens, cache_read_tokens,
             cache_write_tokens, unsplit_tokens, total_tokens, cost_usd, pricing_source, occurred_at, received_at)
           VALUES ($1, gen_random_uuid(), 'a', 'm', 0, 0, 0, 0, 0, 0, 1.25, 'provided', now(), now())`,
          [firstOrg.orgId],
        );
        await client.end();
      } finally {
        await first.stop();
      }
      expect(firstOrg.created).toBe(true);
      if (!firstOrg.created) return;
      const keyFile = join(dataDir, 'local-api-key');
      expect(firstOrg.keyFile).toBe(keyFile);
      expect((await readFile(keyFile, 'utf8')).trim()).toBe(firstOrg.apiKey);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

      const second = await spawnDevPostgres({ dataDir, port, database: 'finops' });
      try {
        const migrations = await prepareDatabase(second.url);
        const again = await ensureFirstOrg(second.url, dataDir);
        const client = new pg.Client({ connectionString: second.url });
        await client.connect();
        const orgs = await client.query("SELECT count(*)::int AS n FROM orgs WHERE name = 'local'");
        const keys = await client.query('SELECT count(*)::int AS n FROM api_keys WHERE org_id = $1', [firstOrg.orgId]);
        const spend = await client.query('SELECT sum(cost_usd)::text AS total FROM execution_traces WHERE org_id = $1', [firstOrg.orgId]);
        await client.end();

        expect(migrations.applied).toEqual([]);
        expect(again).toEqual({ created: false, orgId: firstOrg.orgId });
        expect(orgs.rows[0].n).toBe(1);
        expect(keys.rows[0].n).toBe(1);
        expect(spend.rows[0].total).toBe('1.250000000000');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
