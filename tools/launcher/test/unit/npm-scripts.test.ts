import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the README’s npm commands', () => {
  // npm runs a script through `sh -c`, and on SIGTERM it signals that shell, which dies without passing the signal
  // on: `exec` makes the command the shell itself, so `kill -TERM <npm>` reaches the launcher and stops everything.
  test.each(Object.entries(scripts).filter(([, command]) => command.includes('scripts/run.mjs')))(
    'when `npm run %s` is signalled, then the signal reaches scripts/run.mjs (the script execs it)',
    (_name, command) => {
      expect(command).toMatch(/^exec node scripts\/run\.mjs /);
    },
  );

  test('when listed, then start, test, demo and key go through scripts/run.mjs', () => {
    for (const name of ['start', 'test', 'demo', 'key']) expect(scripts[name]).toBe(`exec node scripts/run.mjs ${name}`);
  });
});
