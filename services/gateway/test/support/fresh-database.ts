import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** An empty database on the test server, dropped by the returned function. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.FINOPS_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('FINOPS_TEST_ADMIN_URL is not set: run integration tests through jest (global setup)');
  const name = `finops_empty_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
