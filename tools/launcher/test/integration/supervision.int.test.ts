import { descendantsOf, isRunning, launchStack, waitFor, type LaunchedStack } from '../support/launched-stack';

// Each test runs the whole system (embedded PostgreSQL, forecaster with two workers, gateway) as `npm start` does.
jest.setTimeout(180_000);

async function allStopped(pids: number[]): Promise<boolean> {
  return (await Promise.all(pids.map(isRunning))).every((running) => !running);
}

function processOf(family: { pid: number; command: string }[], entry: string): number {
  const found = family.filter((member) => member.command.includes(entry));
  // The forecaster runs as a cluster primary with workers: the primary is the one whose parent is the launcher.
  if (found.length === 0) throw new Error(`no process runs ${entry}: ${JSON.stringify(family)}`);
  return found[0]!.pid;
}

describe('the launcher keeps the system up and always stops it', () => {
  let stack: LaunchedStack | undefined;
  afterEach(async () => {
    await stack?.cleanUp();
    stack = undefined;
  });

  test('when the forecaster is killed, then the gateway keeps answering forecasts and the forecaster is back within seconds; SIGTERM then stops every process', async () => {
    stack = await launchStack({ stdout: 'read' });
    const apiKey = /FINOPS_API_KEY=(\S+)/.exec(stack.output())![1]!;
    const family = await descendantsOf(stack.launcher.pid!);
    const forecaster = processOf(family, 'services/forecaster/dist/src/main.js');

    process.kill(forecaster, 'SIGKILL');
    const forecast = await fetch(`${stack.gatewayUrl}/api/v1/cost/forecast`, { headers: { Authorization: `Bearer ${apiKey}` } });
    const backAfterMs = await waitFor(async () => (await fetch(`${stack!.forecasterUrl}/healthz`).catch(() => undefined))?.ok === true, 10_000, stack.output);

    expect(forecast.status).toBe(200);
    expect(backAfterMs).toBeLessThan(10_000);
    expect(stack.output()).toMatch(/forecaster exited unexpectedly \(signal SIGKILL\); restarting in \d+ ms/);
    const restarted = processOf(await descendantsOf(stack.launcher.pid!), 'services/forecaster/dist/src/main.js');
    expect(restarted).not.toBe(forecaster);

    const everyone = [stack.launcher.pid!, ...(await descendantsOf(stack.launcher.pid!)).map((member) => member.pid)];
    expect(everyone.length).toBeGreaterThanOrEqual(7); // launcher, database wrapper + postgres, gateway, forecaster + 2 workers
    stack.launcher.kill('SIGTERM');
    const { code } = await stack.exited;
    await waitFor(() => allStopped(everyone), 15_000);
    expect(code).toBe(0);
  });

  test('when nobody reads the launcher\'s output any more, then SIGTERM still stops everything, cleanly and in time', async () => {
    stack = await launchStack({ stdout: 'stalled' });
    // Every request logs a line: far more than a pipe buffers (64 KiB), so every writer to it is refused.
    await Promise.all(Array.from({ length: 1_500 }, () => fetch(`${stack!.gatewayUrl}/healthz`)));
    const everyone = [stack.launcher.pid!, ...(await descendantsOf(stack.launcher.pid!)).map((member) => member.pid)];

    stack.launcher.kill('SIGTERM');
    const stoppedAfterMs = await waitFor(() => allStopped(everyone), 15_000, stack.output);
    const { code } = await stack.exited;

    expect(code).toBe(0);
    expect(stoppedAfterMs).toBeLessThan(15_000);
  });

  test('when the launcher itself is killed (SIGKILL), then the services and the database stop on their own', async () => {
    stack = await launchStack({ stdout: 'read' });
    const family = await descendantsOf(stack.launcher.pid!);

    stack.launcher.kill('SIGKILL');

    const stillRunning = async () => JSON.stringify((await Promise.all(family.map(async (member) => ((await isRunning(member.pid)) ? member : undefined)))).filter(Boolean));
    let left = '';
    await waitFor(async () => (left = await stillRunning()) === '[]', 20_000, () => left);
  });

  test('when a second start finds the system running, then it says so and changes nothing', async () => {
    stack = await launchStack({ stdout: 'read' });
    const { spawnSync } = await import('node:child_process');

    const second = spawnSync(process.execPath, [require.resolve('../../dist/src/main.js')], { env: stack.env, encoding: 'utf8', timeout: 30_000 });

    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`AI FinOps is already running at ${stack.gatewayUrl}`);
    expect((await fetch(`${stack.gatewayUrl}/healthz`)).ok).toBe(true);
  });
});
