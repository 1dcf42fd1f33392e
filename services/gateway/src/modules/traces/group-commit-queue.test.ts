import { GroupCommitQueue } from './group-commit-queue';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('GroupCommitQueue', () => {
  test('when the queue is idle, then an item is flushed at once on its own', async () => {
    const flushes: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => (flushes.push(items), items.map((n) => n * 2)), { maxBatchSize: 10, maxConcurrentFlushes: 1 });

    await expect(queue.submit(21)).resolves.toBe(42);
    expect(flushes).toEqual([[21]]);
  });

  test('when items arrive while a flush runs, then they go together in the next flush, in order', async () => {
    const gates = [deferred<void>(), deferred<void>()];
    const flushes: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        flushes.push(items);
        await gates[flushes.length - 1]!.promise;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 1 },
    );

    const results = [1, 2, 3, 4].map((n) => queue.submit(n));
    gates[0]!.resolve();
    gates[1]!.resolve();

    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4]);
    expect(flushes).toEqual([[1], [2, 3, 4]]);
  });

  test('when more items wait than a batch holds, then they are split at the batch size', async () => {
    const gate = deferred<void>();
    const flushes: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        flushes.push(items);
        if (flushes.length === 1) await gate.promise;
        return items;
      },
      { maxBatchSize: 2, maxConcurrentFlushes: 1 },
    );

    const results = [1, 2, 3, 4, 5].map((n) => queue.submit(n));
    gate.resolve();
    await Promise.all(results);
    expect(flushes).toEqual([[1], [2, 3], [4, 5]]);
  });

  test('when a flush fails, then every item of that flush is rejected and later items still go through', async () => {
    let calls = 0;
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 1 },
    );

    await expect(queue.submit(1)).rejects.toThrow('database down');
    await expect(queue.submit(2)).resolves.toBe(2);
  });

  test('when drained, then it resolves only after the running flush finished', async () => {
    const gate = deferred<void>();
    let finished = false;
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        await gate.promise;
        finished = true;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 2 },
    );
    const submitted = queue.submit(1);
    const drained = queue.drain().then(() => finished);
    gate.resolve();

    await expect(drained).resolves.toBe(true);
    await submitted;
  });
});
