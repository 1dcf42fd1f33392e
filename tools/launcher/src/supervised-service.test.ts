import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { RestartPolicy } from './restart-policy';
import type { ServiceProcess } from './service-process';
import { superviseService } from './supervised-service';

const policy: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 4_000, maxCrashes: 3, windowMs: 60_000 };

/** A stand-in for a forked service: `crash()` is an exit nobody asked for. */
function fakeStarts(failFromAttempt = Infinity) {
  let attempts = 0;
  let exitOf: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const start = async (onExit: (code: number | null, signal: NodeJS.Signals | null) => void): Promise<ServiceProcess> => {
    attempts += 1;
    if (attempts >= failFromAttempt) {
      onExit(1, null);
      throw new Error('exited during start-up');
    }
    exitOf = onExit;
    const pid = 1000 + attempts;
    return { name: 'svc', port: 1, child: Object.assign(new EventEmitter(), { pid }) as unknown as ChildProcess, stop: async () => undefined };
  };
  return { start, attempts: () => attempts, crash: () => exitOf?.(null, 'SIGKILL') };
}

describe('superviseService', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  test('when the service crashes, then it is started again after the pause, and again with a doubled pause', async () => {
    const fake = fakeStarts();
    const log: string[] = [];
    const service = await superviseService({ name: 'svc', start: fake.start, policy, now: () => jest.now(), log: (line) => log.push(line), onGiveUp: () => undefined });

    fake.crash();
    expect(service.pid()).toBeUndefined();
    await jest.advanceTimersByTimeAsync(999);
    expect(fake.attempts()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(fake.attempts()).toBe(2);
    expect(service.pid()).toBe(1002);

    fake.crash();
    await jest.advanceTimersByTimeAsync(1_999);
    expect(fake.attempts()).toBe(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(service.pid()).toBe(1003);
    expect(log).toEqual([
      'svc exited unexpectedly (signal SIGKILL); restarting in 1000 ms',
      'svc is back (pid 1002)',
      'svc exited unexpectedly (signal SIGKILL); restarting in 2000 ms',
      'svc is back (pid 1003)',
    ]);
  });

  test('when the service keeps crashing, then supervision gives up with the reason and starts nothing more', async () => {
    const fake = fakeStarts(2);
    const givenUp: string[] = [];
    await superviseService({ name: 'svc', start: fake.start, policy, now: () => jest.now(), log: () => undefined, onGiveUp: (message) => givenUp.push(message) });

    fake.crash();
    await jest.advanceTimersByTimeAsync(60_000);

    // Crash, failed restart after 1 s, failed restart after 2 s: three within the window.
    expect(fake.attempts()).toBe(3);
    expect(givenUp).toEqual(['svc keeps crashing (3 crashes within 60 s, last with code 1); not restarting it']);
  });

  test('when it is stopped while a restart is pending, then no restart follows', async () => {
    const fake = fakeStarts();
    const service = await superviseService({ name: 'svc', start: fake.start, policy, now: () => jest.now(), log: () => undefined, onGiveUp: () => undefined });

    fake.crash();
    await service.stop();
    await jest.advanceTimersByTimeAsync(10_000);

    expect(fake.attempts()).toBe(1);
  });

  test('when the first start fails, then the caller hears of it and nothing is restarted', async () => {
    const fake = fakeStarts(1);

    await expect(superviseService({ name: 'svc', start: fake.start, policy, now: () => jest.now(), log: () => undefined, onGiveUp: () => undefined })).rejects.toThrow('exited during start-up');
    await jest.advanceTimersByTimeAsync(10_000);

    expect(fake.attempts()).toBe(1);
  });
});
