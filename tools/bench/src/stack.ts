import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort, spawnDevPostgres, type DevPostgresProcess } from '@finops/dev-postgres';
import { prepareDatabase } from '@finops/gateway';
import { startServiceProcess, type ServiceProcess } from '@finops/launcher';
import pg from 'pg';

const REPO_ROOT = resolve(__dirname, '../../../..');

export interface BenchStack {
  databaseUrl: string;
  gatewayUrl: string;
  forecasterUrl: string;
  adminToken: string;
  /** The owning role: seeds data and checks counts outside row-level security. */
  ownerPool: pg.Pool;
  gatewayPid: number;
  stop(): Promise<void>;
}

/**
 * A fresh system for one benchmark run: embedded PostgreSQL in a temporary directory (or DATABASE_URL), migrations,
 * and both services as separate processes, exactly as `npm start` runs them (logging at warn).
 */
export async function startBenchStack(options: { log: (line: string) => void }): Promise<BenchStack> {
  let database: DevPostgresProcess | undefined;
  let dataDir: string | undefined;
  const services: ServiceProcess[] = [];
  const stopAll = async () => {
    for (const service of services.reverse()) await service.stop();
    await database?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (!process.env.DATABASE_URL) {
      dataDir = await mkdtemp(join(tmpdir(), 'finops-bench-'));
      database = await spawnDevPostgres({ dataDir, port: await findFreePort(), database: 'finops' });
    }
    const databaseUrl = process.env.DATABASE_URL ?? database!.url;
    options.log(`database: ${database ? 'embedded PostgreSQL 17 (fresh)' : 'DATABASE_URL'}`);
    await prepareDatabase(databaseUrl);
    const adminToken = randomBytes(32).toString('hex');
    const { forecaster, gateway } = await startServices(databaseUrl, adminToken, services, options.log);
    const ownerPool = new pg.Pool({ connectionString: databaseUrl, max: 8, application_name: 'finops-bench' });
    return {
      databaseUrl,
      gatewayUrl: `http://127.0.0.1:${gateway.port}`,
      forecasterUrl: `http://127.0.0.1:${forecaster.port}`,
      adminToken,
      ownerPool,
      gatewayPid: gateway.child.pid ?? -1,
      stop: async () => {
        await ownerPool.end();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startServices(databaseUrl: string, adminToken: string, started: ServiceProcess[], log: (line: string) => void) {
  // A service dying mid-run makes the scenario's requests fail, which the results show.
  const onExit = (code: number | null) => log(`a service exited during the benchmark (code ${code})`);
  const common = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', PORT: '0' };
  const forecaster = await startServiceProcess('forecaster', join(REPO_ROOT, 'services/forecaster/dist/src/main.js'), common, onExit);
  started.push(forecaster);
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of the gateway when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // One key here sends far more than any agent may: the budgets are raised so the limiter runs (and is measured) but never refuses.
  const unrefused = { RATE_LIMIT_INGEST: '1000000000', RATE_LIMIT_GUARD: '1000000000', RATE_LIMIT_READ: '1000000000' };
  const gatewayEnv = { ...common, ...unrefused, DATABASE_URL: databaseUrl, ADMIN_TOKEN: adminToken, FORECASTER_URL: `http://127.0.0.1:${forecaster.port}`, DB_POOL_SIZE: '16' };
  const gateway = await startServiceProcess('gateway', join(REPO_ROOT, 'services/gateway/dist/src/main.js'), gatewayEnv, onExit, { execArgv: profile });
  started.push(gateway);
  return { forecaster, gateway };
}

export async function createBenchOrg(stack: BenchStack, name: string): Promise<{ orgId: string; apiKey: string }> {
  const response = await fetch(`${stack.gatewayUrl}/api/v1/admin/orgs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`could not create org: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { org: { id: string }; apiKey: { key: string } };
  return { orgId: body.org.id, apiKey: body.apiKey.key };
}

/** POST as the org's API key (scenario set-up: policies, first checks); throws unless 2xx. */
export async function postAsOrg(stack: BenchStack, apiKey: string, path: string, body: object): Promise<unknown> {
  const response = await fetch(`${stack.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
