import { BatchQueue } from './batch-queue';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

const LANE = 'all';

describe('BatchQueue', () => {
  test('when the queue is idle, then an item is flushed at once on its own', async () => {
    const flushes: number[][] = [];
    const queue = new BatchQueue<number, number>(async (_lane, items) => (flushes.push(items), items.map((n) => n * 2)), { maxBatchSize: 10, maxConcurrentFlushes: 1 });

    await expect(queue.submit(LANE, 21)).resolves.toBe(42);
    expect(flushes).toEqual([[21]]);
  });

  test('when items arrive while a flush runs, then they go together in the next flush, in order', async () => {
    const gates = [deferred<void>(), deferred<void>()];
    const flushes: number[][] = [];
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        flushes.push(items);
        await gates[flushes.length - 1]!.promise;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 1 },
    );

    const results = [1, 2, 3, 4].map((n) => queue.submit(LANE, n));
    gates[0]!.resolve();
    gates[1]!.resolve();

    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4]);
    expect(flushes).toEqual([[1], [2, 3, 4]]);
  });

  test('when more items wait than a batch holds, then they are split at the batch size', async () => {
    const gate = deferred<void>();
    const flushes: number[][] = [];
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        flushes.push(items);
        if (flushes.length === 1) await gate.promise;
        return items;
      },
      { maxBatchSize: 2, maxConcurrentFlushes: 1 },
    );

    const results = [1, 2, 3, 4, 5].map((n) => queue.submit(LANE, n));
    gate.resolve();
    await Promise.all(results);
    expect(flushes).toEqual([[1], [2, 3], [4, 5]]);
  });

  test('when a lane may run several flushes, then its items are flushed side by side up to the limit', async () => {
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const started: number[][] = [];
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        started.push(items);
        await gates[started.length - 1]!.promise;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 2 },
    );

    const results = [1, 2, 3].map((n) => queue.submit(LANE, n));
    expect(started).toEqual([[1], [2]]);
    gates.forEach((gate) => gate.resolve());
    await Promise.all(results);
    expect(started).toEqual([[1], [2], [3]]);
  });

  test('when one flush per lane is allowed, then items of a lane arriving during its flush wait and go together in the next one', async () => {
    const flushes: string[][] = [];
    const gates = [deferred<void>(), deferred<void>()];
    const queue = new BatchQueue<string, string>(
      async (lane, items) => {
        flushes.push(items);
        await gates[flushes.length - 1]!.promise;
        return items.map((item) => `${lane}:${item}`);
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 4, maxConcurrentPerLane: 1 },
    );

    const first = queue.submit('o1', 'a');
    const rest = [queue.submit('o1', 'b'), queue.submit('o1', 'c')];
    gates[0]!.resolve();
    gates[1]!.resolve();

    expect(await Promise.all([first, ...rest])).toEqual(['o1:a', 'o1:b', 'o1:c']);
    expect(flushes).toEqual([['a'], ['b', 'c']]);
  });

  test('when several lanes have items, then their flushes run side by side up to the limit', async () => {
    let running = 0;
    let most = 0;
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 2, maxConcurrentPerLane: 1 },
    );

    await Promise.all(['o1', 'o2', 'o3', 'o4'].map((lane, index) => queue.submit(lane, index)));

    expect(most).toBe(2);
  });

  test('when a flush fails for a reason that is not an item’s, then every item of it is rejected and later items still go through', async () => {
    const gate = deferred<void>();
    let calls = 0;
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        calls += 1;
        if (calls === 1) await gate.promise;
        if (calls === 2) throw new Error('database down');
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 1, isItemFailure: (error) => (error as Error).message === 'bad item' },
    );

    const blocker = queue.submit(LANE, 0);
    const failed = [1, 2].map((n) => queue.submit(LANE, n).catch((error: Error) => error.message));
    gate.resolve();
    await blocker;

    expect(await Promise.all(failed)).toEqual(['database down', 'database down']);
    await expect(queue.submit(LANE, 3)).resolves.toBe(3);
    expect(calls).toBe(3);
    await expect(queue.drain()).resolves.toBeUndefined();
  });

  test('when items of a batch fail it, then it is split until only those items fail and every other item is flushed once', async () => {
    const gate = deferred<void>();
    const flushed: number[] = [];
    const bad = new Set([3, 11, 12]);
    let first = true;
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        if (first) {
          first = false;
          await gate.promise;
        }
        if (items.some((n) => bad.has(n))) throw new Error('bad item');
        flushed.push(...items);
        return items.map((n) => n * 10);
      },
      { maxBatchSize: 100, maxConcurrentFlushes: 1, isItemFailure: (error) => (error as Error).message === 'bad item' },
    );

    const blocker = queue.submit(LANE, 0);
    const outcomes = Array.from({ length: 16 }, (_, i) => i + 1).map((n) =>
      queue.submit(LANE, n).then(
        (value) => ({ n, value }),
        (error: Error) => ({ n, error: error.message }),
      ),
    );
    gate.resolve();
    await blocker;

    const settled = await Promise.all(outcomes);
    expect(settled.filter((outcome) => 'error' in outcome).map((outcome) => outcome.n)).toEqual([3, 11, 12]);
    expect(settled.filter((outcome) => 'value' in outcome)).toEqual(
      settled.filter(({ n }) => !bad.has(n)).map(({ n }) => ({ n, value: n * 10 })),
    );
    expect([...flushed].sort((a, b) => a - b)).toEqual([0, ...Array.from({ length: 16 }, (_, i) => i + 1).filter((n) => !bad.has(n))]);
  });

  test('when a lane is serialised and a batch of it is being split, then the lane’s later items wait for the split to finish', async () => {
    const order: string[] = [];
    const gate = deferred<void>();
    const results: Promise<string>[] = [];
    const queue: BatchQueue<string, string> = new BatchQueue<string, string>(
      async (_lane, items) => {
        if (order.length === 0) await gate.promise;
        order.push(items.join(''));
        if (items.join('') === 'xb') results.push(queue.submit('o1', 'd'));
        if (items.includes('x')) throw new Error('bad item');
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 4, maxConcurrentPerLane: 1, isItemFailure: () => true },
    );

    results.push(...['a', 'x', 'b', 'c'].map((item) => queue.submit('o1', item).catch(() => 'failed')));
    gate.resolve();
    await results[0];
    await queue.drain();

    expect(await Promise.all(results)).toEqual(['a', 'failed', 'b', 'c', 'd']);
    expect(order).toEqual(['a', 'xbc', 'xb', 'x', 'b', 'c', 'd']);
  });

  test('when drained, then it resolves only after the running flush finished', async () => {
    const gate = deferred<void>();
    let finished = false;
    const queue = new BatchQueue<number, number>(
      async (_lane, items) => {
        await gate.promise;
        finished = true;
        return items;
      },
      { maxBatchSize: 10, maxConcurrentFlushes: 2 },
    );
    const submitted = queue.submit(LANE, 1);
    const drained = queue.drain().then(() => finished);
    gate.resolve();

    await expect(drained).resolves.toBe(true);
    await submitted;
  });
});
