import { OrgEvaluationQueue } from './budget-evaluation-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('org evaluation queue', () => {
  test('when an org is requested many times in one turn, then it is evaluated once', async () => {
    const runs: string[] = [];
    const queue = new OrgEvaluationQueue(async (orgId) => void runs.push(orgId), () => undefined);

    for (let i = 0; i < 100; i += 1) queue.request('a');
    queue.request('b');
    await queue.whenIdle();

    expect(runs.sort()).toEqual(['a', 'b']);
  });

  test('when an org is requested while its evaluation runs, then exactly one more evaluation follows', async () => {
    const gates = [deferred(), deferred()];
    let runs = 0;
    const queue = new OrgEvaluationQueue(async () => {
      runs += 1;
      await gates[runs - 1]!.promise;
    }, () => undefined);

    queue.request('a');
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 10; i += 1) queue.request('a');
    gates[0]!.resolve();
    gates[1]!.resolve();
    await queue.whenIdle();

    expect(runs).toBe(2);
  });

  test('when more orgs wait than may run at once, then at most that many run concurrently', async () => {
    let running = 0;
    let peak = 0;
    const queue = new OrgEvaluationQueue(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      },
      () => undefined,
      { maxConcurrent: 2, minIntervalMs: 0 },
    );

    for (const org of ['a', 'b', 'c', 'd', 'e']) queue.request(org);
    await queue.whenIdle();

    expect(peak).toBe(2);
  });

  test('when an evaluation fails, then the error is reported and the queue goes on', async () => {
    const errors: string[] = [];
    const runs: string[] = [];
    const queue = new OrgEvaluationQueue(
      async (orgId) => {
        runs.push(orgId);
        if (orgId === 'a') throw new Error('boom');
      },
      (orgId) => errors.push(orgId),
    );

    queue.request('a');
    queue.request('b');
    await queue.whenIdle();

    expect(errors).toEqual(['a']);
    expect(runs.sort()).toEqual(['a', 'b']);
  });

  test('when closed, then later requests are ignored', async () => {
    const runs: string[] = [];
    const queue = new OrgEvaluationQueue(async (orgId) => void runs.push(orgId), () => undefined);

    await queue.close();
    queue.request('a');
    await queue.whenIdle();

    expect(runs).toEqual([]);
  });

  test('when an org is requested again within the minimum interval, then it waits and the requests coalesce into one run', async () => {
    const runs: string[] = [];
    const queue = new OrgEvaluationQueue(async (orgId) => void runs.push(orgId), () => undefined, { maxConcurrent: 2, minIntervalMs: 100 });

    queue.request('a');
    await queue.whenIdle();
    for (let i = 0; i < 20; i += 1) queue.request('a');
    queue.request('b');
    await queue.whenIdle();

    expect(runs.sort()).toEqual(['a', 'a', 'b']);
  });
});
