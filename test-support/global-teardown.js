const { rm } = require('node:fs/promises');
const { Client } = require('../services/gateway/node_modules/pg');

module.exports = async function globalTeardown() {
  const forecaster = globalThis.__FINOPS_TEST_FORECASTER__;
  if (forecaster && forecaster.exitCode === null) {
    const exited = new Promise((resolve) => forecaster.once('exit', resolve));
    forecaster.kill('SIGTERM');
    await exited;
  }
  const db = globalThis.__FINOPS_TEST_DB__;
  const pg = globalThis.__FINOPS_TEST_PG__;
  if (db && !pg) {
    const admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db.database} WITH (FORCE)`);
    await admin.end();
  }
  if (pg) {
    await pg.server.stop();
    await rm(pg.dataDir, { recursive: true, force: true });
  }
};
