import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@finops/dev-postgres';

const LAUNCHER = join(__dirname, '../../dist/src/main.js');

export interface LaunchedStack {
  launcher: ChildProcess;
  env: NodeJS.ProcessEnv;
  gatewayUrl: string;
  forecasterUrl: string;
  /** What the launcher printed so far (empty when its output is not read). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  cleanUp: () => Promise<void>;
}

/**
 * The real launcher (`npm start` without the install and build steps), on its own embedded PostgreSQL and free ports.
 * `stdout: 'stalled'` hands it a pipe that nobody reads, like a terminal that went away.
 */
export async function launchStack(options: { stdout: 'read' | 'stalled' }): Promise<LaunchedStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'finops-launch-'));
  const [pgPort, gatewayPort, forecasterPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  // The test run's own DATABASE_URL or ADMIN_TOKEN must not leak in: this stack makes its own, as a first start does.
  const { DATABASE_URL: _database, ADMIN_TOKEN: _admin, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    GATEWAY_PORT: String(gatewayPort),
    FORECASTER_PORT: String(forecasterPort),
    FORECASTER_WORKERS: '2',
    LOG_LEVEL: 'info',
  };
  const launcher = spawn(process.execPath, [LAUNCHER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  if (options.stdout === 'read') launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => launcher.once('exit', (code, signal) => resolve({ code, signal })));
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const forecasterUrl = `http://127.0.0.1:${forecasterPort}`;
  const answers = async (url: string) => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true;
  // Started means the banner is out (when it is read), and both services answer.
  await waitFor(
    async () => (options.stdout === 'stalled' || output.includes('AI FinOps is running')) && (await answers(gatewayUrl)) && (await answers(forecasterUrl)),
    90_000,
    () => output,
  );
  return {
    launcher,
    env,
    gatewayUrl,
    forecasterUrl,
    output: () => output,
    exited,
    cleanUp: async () => {
      if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, context: () => string = () => ''): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}

/** Every live descendant of a process, read from /proc (children of children included). */
export async function descendantsOf(pid: number): Promise<{ pid: number; command: string }[]> {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    // The command name in field 2 may hold spaces and parentheses: the fields after the last ')' are unambiguous.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!fields || fields[0] === 'Z') continue;
    parents.set(Number(entry), Number(fields[1]));
    commands.set(Number(entry), cmdline.replaceAll('\0', ' ').trim());
  }
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push({ pid: child, command: commands.get(child) ?? '' });
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Running, that is: neither gone nor a zombie waiting to be reaped (which no longer holds a port or a file). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}
