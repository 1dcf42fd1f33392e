import { OrgBatchQueue } from './org-batch-queue';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('OrgBatchQueue', () => {
  test('when items of one org arrive during its flush, then they wait and go together in the next one', async () => {
    const flushes: string[][] = [];
    const gates = [deferred<void>(), deferred<void>()];
    const queue = new OrgBatchQueue<string, string>(
      async (orgId, items) => {
        flushes.push(items);
        await gates[flushes.length - 1]!.promise;
        return items.map((item) => `${orgId}:${item}`);
      },
      { maxBatchSize: 10, maxConcurrentOrgs: 4 },
    );

    const first = queue.submit('o1', 'a');
    const rest = [queue.submit('o1', 'b'), queue.submit('o1', 'c')];
    gates[0]!.resolve();
    gates[1]!.resolve();

    expect(await Promise.all([first, ...rest])).toEqual(['o1:a', 'o1:b', 'o1:c']);
    expect(flushes).toEqual([['a'], ['b', 'c']]);
  });

  test('when several orgs have items, then their flushes run side by side up to the limit', async () => {
    let running = 0;
    let most = 0;
    const queue = new OrgBatchQueue<number, number>(
      async (_orgId, items) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentOrgs: 2 },
    );

    await Promise.all(['o1', 'o2', 'o3', 'o4'].map((orgId, index) => queue.submit(orgId, index)));

    expect(most).toBe(2);
  });

  test('when a flush fails, then its items reject and the org’s next items still flush', async () => {
    let calls = 0;
    const queue = new OrgBatchQueue<string, string>(
      async (_orgId, items) => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
        return items;
      },
      { maxBatchSize: 10, maxConcurrentOrgs: 1 },
    );

    const failed = queue.submit('o1', 'a');
    const later = queue.submit('o1', 'b');

    await expect(failed).rejects.toThrow('database gone');
    await expect(later).resolves.toBe('b');
    await expect(queue.drain()).resolves.toBeUndefined();
  });
});
