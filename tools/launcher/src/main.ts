import { join, resolve } from 'node:path';
import { spawnDevPostgres, type DevPostgresProcess } from '@finops/dev-postgres';
import { prepareDatabase } from '@finops/gateway';
import { resolveAdminToken } from './admin-token';
import { startBanner } from './banner';
import { runDemo } from './demo';
import { ensureFirstOrg } from './first-org';
import { loadLauncherConfig } from './launcher-config';
import { startServiceProcess, type ServiceProcess } from './service-process';

/* eslint-disable no-console -- the launcher talks to a person at a terminal */

async function main(): Promise<void> {
  const config = loadLauncherConfig(process.env);
  const demo = process.argv.slice(2).includes('--demo');
  const services: ServiceProcess[] = [];
  let database: DevPostgresProcess | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number): Promise<never> => {
    stopping = true;
    for (const service of [...services].reverse()) await service.stop();
    await database?.stop();
    process.exit(exitCode);
  };
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    // npm forwards the terminal's Ctrl-C too, so one keypress can arrive twice; a later second signal forces exit.
    if (stopping) {
      if (Date.now() - firstSignalAt > 2_000) process.exit(1);
      return;
    }
    firstSignalAt = Date.now();
    console.log(`\n${signal}: stopping gateway, forecaster and database…`);
    void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const onServiceExit = (code: number | null): void => {
    if (stopping) return;
    console.error(`a service exited unexpectedly (code ${code}); stopping`);
    void stopAll(1);
  };

  try {
    await startEverything();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await stopAll(1);
  }

  async function startEverything(): Promise<void> {
  if (!config.DATABASE_URL) {
    console.log(`starting embedded PostgreSQL on 127.0.0.1:${config.EMBEDDED_PG_PORT} (data in ${join(config.DATA_DIR, 'postgres')})`);
    database = await spawnDevPostgres({ dataDir: join(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT, database: 'finops' });
  }
  const databaseUrl = config.DATABASE_URL ?? database!.url;
  const migrations = await prepareDatabase(databaseUrl);
  if (migrations.applied.length > 0) console.log(`applied migrations: ${migrations.applied.join(', ')}`);
  const firstOrg = await ensureFirstOrg(databaseUrl);
  const admin = await resolveAdminToken(config.ADMIN_TOKEN, config.DATA_DIR);

  const forecasterUrl = `http://${config.HOST}:${config.FORECASTER_PORT}`;
  const common = { ...process.env, HOST: config.HOST, LOG_LEVEL: config.LOG_LEVEL };
  services.push(
    await startServiceProcess('forecaster', resolve(config.repoRoot, 'services/forecaster/dist/src/main.js'), { ...common, PORT: String(config.FORECASTER_PORT) }, onServiceExit),
  );
  services.push(
    await startServiceProcess(
      'gateway',
      resolve(config.repoRoot, 'services/gateway/dist/src/main.js'),
      { ...common, PORT: String(config.GATEWAY_PORT), DATABASE_URL: databaseUrl, ADMIN_TOKEN: admin.token, FORECASTER_URL: forecasterUrl },
      onServiceExit,
    ),
  );
  const gatewayUrl = `http://${config.HOST}:${config.GATEWAY_PORT}`;
  console.log(
    startBanner({
      gatewayUrl,
      forecasterUrl,
      firstOrg,
      adminTokenFile: admin.file,
      embedded: database !== undefined,
      dataDir: config.DATA_DIR,
    }),
  );
  if (demo) console.log(await runDemo({ gatewayUrl, adminToken: admin.token, dataDir: config.DATA_DIR, log: (line) => console.log(line) }));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
