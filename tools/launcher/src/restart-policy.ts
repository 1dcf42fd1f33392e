/** How the launcher answers a service that crashed: restart it after a growing pause, or give up on a crash loop. */
export interface RestartPolicy {
  /** Pause before the first restart; each further crash in the window doubles it, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** This many crashes within `windowMs` is a crash loop: restarting again would only hide it. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 250, maxDelayMs: 8_000, maxCrashes: 5, windowMs: 60_000 };

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; reason: string };

/** Decides from the times of the crashes so far (the latest last); crashes older than the window are forgiven. */
export function decideRestart(crashTimesMs: readonly number[], policy: RestartPolicy): RestartDecision {
  const latest = crashTimesMs.at(-1);
  if (latest === undefined) throw new Error('decideRestart needs at least one crash');
  const recent = crashTimesMs.filter((time) => latest - time < policy.windowMs).length;
  if (recent >= policy.maxCrashes) {
    return { restart: false, reason: `${recent} crashes within ${Math.round(policy.windowMs / 1000)} s` };
  }
  return { restart: true, delayMs: Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (recent - 1)) };
}
