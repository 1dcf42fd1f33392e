import { ProblemSchema, type Problem } from '@finops/contracts';

/** The gateway's problem+json body, or `about:blank` (RFC 9457 §4.2.1) when something else answered (a proxy's 502). */
export function problemFrom(status: number, statusText: string, body: string): Problem {
  try {
    const parsed = ProblemSchema.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: fall through to the generic problem.
  }
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status };
}
