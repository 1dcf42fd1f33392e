#!/usr/bin/env node
// The README's commands (`npm start`, `npm test`, ...) land here so that they work on a machine that has only
// Node.js and npm: the first step installs the pinned pnpm and the locked dependencies, the rest run through it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upToDate } from './up-to-date.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');

// Every stop signal is passed on to the running step, which decides what it means; this process ends when it does.
// A terminal's Ctrl-C reaches the step directly as well: the launcher counts the two copies as one.
let current;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => current?.kill(signal));

function run(command, args) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: 'inherit' });
    current.on('error', (error) => {
      console.error(`could not run ${command}: ${error.message}`);
      process.exit(1);
    });
    current.on('exit', (code, signal) => {
      if (code !== 0) process.exit(code ?? (signal ? 1 : 0));
      resolve();
    });
  });
}

const pnpm = (...args) => (existsSync(localPnpm) ? run(localPnpm, args) : run('npx', ['-y', `pnpm@${pnpmVersion}`, ...args]));
const node = (script, args) => run(process.execPath, [join(root, script), ...args]);

const stamps = upToDate(root);
/** Runs the step unless its inputs are what it last ran on, and says which it was. */
async function unlessCurrent(name, reason, step) {
  if (stamps.isCurrent(name)) {
    console.log(`${name}: skipped (${reason})`);
    return;
  }
  await step();
  stamps.record(name);
}

const steps = {
  install: () => unlessCurrent('install', 'lockfile and manifests unchanged', () => pnpm('install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent')),
  build: () => unlessCurrent('build', 'sources unchanged since the last build', () => pnpm('run', '--silent', 'build:all')),
  lint: () => pnpm('run', '--silent', 'lint:all'),
  jest: (args) => pnpm('exec', 'jest', ...args),
  launch: (args) => node('tools/launcher/dist/src/main.js', args),
  bench: (args) => node('tools/bench/dist/src/main.js', args),
  key: (args) => node('tools/launcher/dist/src/key-main.js', args),
};

const commands = {
  start: ['install', 'build', 'launch'],
  test: ['install', 'build', 'lint', 'jest'],
  build: ['install', 'build'],
  check: ['install', 'build', 'lint'],
  bench: ['install', 'build', 'bench'],
  // `npm start`, then 90 days of example spend through the public API into the org "demo" (see tools/launcher).
  demo: ['install', 'build', 'launch'],
  // A new API key for an org (default "local"), straight into the database: for when the printed one is lost.
  key: ['install', 'build', 'key'],
};

const [command, ...args] = process.argv.slice(2);
const plan = commands[command];
if (!plan) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(commands).join('|')}> [args...]`);
  process.exit(2);
}
const stepArgs = command === 'demo' ? ['--demo', ...args] : args;
for (const step of plan) await steps[step](stepArgs);
