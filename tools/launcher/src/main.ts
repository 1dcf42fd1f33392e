import { join, resolve } from 'node:path';
import { spawnDevPostgres, type DevPostgresProcess } from '@finops/dev-postgres';
import { prepareDatabase } from '@finops/gateway';
import { resolveAdminToken } from './admin-token';
import { startBanner } from './banner';
import { runDemo } from './demo';
import { ensureFirstOrg } from './first-org';
import { loadLauncherConfig, type LauncherConfig } from './launcher-config';
import { DEFAULT_RESTART_POLICY } from './restart-policy';
import { answersAsGateway, busyPorts } from './running-stack';
import { killProcessGroup, startServiceProcess } from './service-process';
import { superviseService, type SupervisedService } from './supervised-service';

import { complain, exitWhenWritten, say } from './terminal';

// Services drain for up to 10 s (their default); past this the launcher stops waiting and kills what is left.
const STOP_DEADLINE_MS = 20_000;

async function main(): Promise<void> {
  const config = loadLauncherConfig(process.env);
  const demo = process.argv.slice(2).includes('--demo');
  const gatewayUrl = `http://${config.HOST}:${config.GATEWAY_PORT}`;

  if (await answersAsGateway(gatewayUrl)) {
    if (!demo) throw new Error(`AI FinOps is already running at ${gatewayUrl} (another \`npm start\`). Use it, or stop it first; \`npm run demo\` loads into it, \`npm run key\` prints a new key.`);
    const admin = await resolveAdminToken(config.ADMIN_TOKEN, config.DATA_DIR);
    say(`AI FinOps is already running at ${gatewayUrl}: loading the demo into it`);
    say(await runDemo({ gatewayUrl, adminToken: admin.token, dataDir: config.DATA_DIR, log: (line) => say(line) }));
    return;
  }
  const busy = [
    ...(config.DATABASE_URL ? [] : await busyPorts('127.0.0.1', [{ port: config.EMBEDDED_PG_PORT, what: 'embedded PostgreSQL', setting: 'EMBEDDED_PG_PORT' }])),
    ...(await busyPorts(config.HOST, [
      { port: config.GATEWAY_PORT, what: 'gateway', setting: 'GATEWAY_PORT' },
      { port: config.FORECASTER_PORT, what: 'forecaster', setting: 'FORECASTER_PORT' },
    ])),
  ];
  if (busy.length > 0) throw new Error(`cannot start:\n  ${busy.join('\n  ')}`);

  const services: SupervisedService[] = [];
  let database: DevPostgresProcess | undefined;
  let stopping = false;
  const killEverything = (): void => {
    for (const service of services) killProcessGroup(service.pid());
    killProcessGroup(database?.pid);
  };
  const stopAll = async (exitCode: number): Promise<never> => {
    stopping = true;
    setTimeout(() => {
      complain(`still stopping after ${STOP_DEADLINE_MS / 1000} s: killing what is left`);
      killEverything();
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    for (const service of [...services].reverse()) await service.stop();
    await database?.stop();
    exitWhenWritten(exitCode);
    return new Promise<never>(() => undefined);
  };
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl-C reaches npm and the launcher alike and npm passes it on, so one keypress can arrive twice;
    // a second signal later than that forces the exit, without leaving any child behind.
    if (stopping) {
      if (Date.now() - firstSignalAt > 2_000) {
        killEverything();
        process.exit(1);
      }
      return;
    }
    firstSignalAt = Date.now();
    say(`\n${signal}: stopping gateway, forecaster and database…`);
    void stopAll(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  try {
    await startEverything(config, gatewayUrl, demo, services, (started) => (database = started), (message) => {
      if (stopping) return;
      complain(`${message}; stopping`);
      void stopAll(1);
    });
  } catch (error) {
    complain(error instanceof Error ? error.message : String(error));
    await stopAll(1);
  }
}

async function startEverything(
  config: LauncherConfig,
  gatewayUrl: string,
  demo: boolean,
  services: SupervisedService[],
  onDatabase: (database: DevPostgresProcess) => void,
  onGiveUp: (message: string) => void,
): Promise<void> {
  let embedded = false;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${config.EMBEDDED_PG_PORT} (data in ${join(config.DATA_DIR, 'postgres')})`);
    const database = await spawnDevPostgres({ dataDir: join(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT, database: 'finops', output: { stdout: say.relay, stderr: complain.relay } });
    onDatabase(database);
    embedded = true;
    databaseUrl = database.url;
  }
  const migrations = await prepareDatabase(databaseUrl);
  if (migrations.applied.length > 0) say(`applied migrations: ${migrations.applied.join(', ')}`);
  const firstOrg = await ensureFirstOrg(databaseUrl, config.DATA_DIR);
  const admin = await resolveAdminToken(config.ADMIN_TOKEN, config.DATA_DIR);

  const forecasterUrl = `http://${config.HOST}:${config.FORECASTER_PORT}`;
  const common = { ...process.env, HOST: config.HOST, LOG_LEVEL: config.LOG_LEVEL };
  const supervise = (name: string, entry: string, env: NodeJS.ProcessEnv) =>
    superviseService({
      name,
      start: (onExit) => startServiceProcess(name, resolve(config.repoRoot, entry), env, onExit, { output: { stdout: say.relay, stderr: complain.relay } }),
      policy: DEFAULT_RESTART_POLICY,
      now: () => Date.now(),
      log: (line) => complain(line),
      onGiveUp,
    });
  // Started side by side: the gateway needs the forecaster only when a forecast is asked for. Whatever started is
  // listed before a failure is reported, so that stopping stops it.
  const started = await Promise.allSettled([
    supervise('forecaster', 'services/forecaster/dist/src/main.js', { ...common, PORT: String(config.FORECASTER_PORT) }),
    supervise('gateway', 'services/gateway/dist/src/main.js', { ...common, PORT: String(config.GATEWAY_PORT), DATABASE_URL: databaseUrl, ADMIN_TOKEN: admin.token, FORECASTER_URL: forecasterUrl }),
  ]);
  for (const outcome of started) if (outcome.status === 'fulfilled') services.push(outcome.value);
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  say(startBanner({ gatewayUrl, forecasterUrl, firstOrg, adminTokenFile: admin.file, embedded, dataDir: config.DATA_DIR }));
  if (demo) say(await runDemo({ gatewayUrl, adminToken: admin.token, dataDir: config.DATA_DIR, log: (line) => say(line) }));
}

main().catch((error: unknown) => {
  complain(error instanceof Error ? error.message : String(error));
  exitWhenWritten(1);
});
