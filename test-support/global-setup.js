// Starts one real PostgreSQL for the integration tests (embedded, or the server named by TEST_DATABASE_URL),
// creates a fresh database for this run, applies every migration and seeds the price catalogue; starts the forecaster.
// Runs against the build (`npm test` builds first).
const { mkdtemp } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { fork } = require('node:child_process');
const { Client } = require('../services/gateway/node_modules/pg');

const built = (path) => join(__dirname, '..', path);

module.exports = async function globalSetup() {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const { spawnDevPostgres, findFreePort } = require(built('tools/dev-postgres/dist/src'));
    const dataDir = await mkdtemp(join(tmpdir(), 'finops-test-pg-'));
    const server = await spawnDevPostgres({ dataDir, port: await findFreePort(), database: 'postgres' });
    globalThis.__FINOPS_TEST_PG__ = { server, dataDir };
    adminUrl = server.url;
  }
  const database = `finops_test_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  process.env.FINOPS_TEST_ADMIN_URL = adminUrl;
  process.env.FINOPS_TEST_DATABASE_URL = url.toString();
  globalThis.__FINOPS_TEST_DB__ = { adminUrl, database };

  const { prepareDatabase } = require(built('services/gateway/dist/src/setup/prepare-database'));
  await prepareDatabase(url.toString());

  // Budget status and the forecast endpoint call the forecaster: one real forecaster process serves the whole run.
  const forecaster = fork(built('services/forecaster/dist/src/main.js'), [], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise((resolve, reject) => {
    forecaster.once('message', (message) => resolve(message.port));
    forecaster.once('exit', (code) => reject(new Error(`forecaster exited during test setup (code ${code})`)));
  });
  globalThis.__FINOPS_TEST_FORECASTER__ = forecaster;
  process.env.FINOPS_TEST_FORECASTER_URL = `http://127.0.0.1:${port}`;
};
