/**
 * The RateLimit-Policy and RateLimit header fields of draft-ietf-httpapi-ratelimit-headers-11: each a Structured
 * Field List with one Item per policy, a String naming the policy. The policy carries its quota `q` and window `w`
 * (seconds); the current limit its remaining quota `r` and the seconds `t` until the window ends.
 */
export function rateLimitPolicyField(policy: string, quota: number, windowSeconds: number): string {
  return `"${policy}";q=${quota};w=${windowSeconds}`;
}

export function rateLimitField(policy: string, remaining: number, msBeforeReset: number): string {
  return `"${policy}";r=${remaining};t=${secondsUntil(msBeforeReset)}`;
}

/** Whole seconds, rounded up: a client that waits this long is never early (delay-seconds has no fractions). */
export function secondsUntil(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
