/**
 * What the SDK takes from its environment, injectable so tests (and callers with their own event loop policies) control
 * time, randomness and the network instead of the SDK reading them globally.
 */
export interface Runtime {
  now: () => Date;
  /** Uniform in [0, 1): the jitter of retry delays. */
  random: () => number;
  /**
   * Runs `callback` after `ms`; the returned function cancels it. `keepAlive: false` lets the process exit while the
   * timer is pending (the idle flush timer), `true` holds it open (a retry wait someone is awaiting).
   */
  schedule: (ms: number, callback: () => void, keepAlive: boolean) => () => void;
  fetch: typeof fetch;
}

export const defaultRuntime: Runtime = {
  now: () => new Date(),
  random: Math.random,
  schedule: (ms, callback, keepAlive) => {
    const timer = setTimeout(callback, ms);
    if (!keepAlive) timer.unref();
    return () => clearTimeout(timer);
  },
  fetch: (input, init) => fetch(input, init),
};

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks which). */
export function sleep(runtime: Runtime, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const cancel = runtime.schedule(ms, done, true);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
