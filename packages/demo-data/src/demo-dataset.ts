import { DAY_MS, type TraceIngest } from '@finops/contracts';
import { DEMO_AGENTS, SPIKE_AGENT_ID, SPIKE_MULTIPLIER, type DemoAgent } from './demo-agents';
import { SeededRandom } from './seeded-random';

export const DEMO_DEFAULTS = {
  days: 90,
  seed: 'finops-demo-v1',
  /** Traces dated up to this far past `now` are sent (the gateway accepts 5 minutes of clock skew). */
  aheadMs: 2 * 60_000,
} as const;

export interface DemoDatasetOptions {
  /** The moment the dataset runs up to: whole days before its UTC day, and today's traces dated until then. */
  now: Date;
  /** Days of history including today (default 90). */
  days?: number;
  seed?: string;
}

/** A trace of the demo, as the batch ingest endpoint takes it; its idempotency key makes re-sending it harmless. */
export type DemoTrace = TraceIngest & { agentId: string; modelId: string; occurredAt: string; idempotencyKey: string };

/** `YYYY-MM-DD` of a UTC day. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD` date. */
function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The spike falls on the day whose number is `seed offset` modulo 90, so every window of 90 consecutive days holds
 * exactly one, wherever "today" is, and a day's traces never change between runs.
 */
export function isSpikeDay(date: string, seed: string = DEMO_DEFAULTS.seed): boolean {
  const offset = new SeededRandom(`${seed}:spike`).int(0, 89);
  return ((epochDay(date) % 90) + 90) % 90 === offset;
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A slow wave over the year (about ±15% over six months), so the months differ. */
function seasonalFactor(date: string): number {
  return 1 + 0.15 * Math.sin((2 * Math.PI * epochDay(date)) / 180);
}

// Working hours carry most traffic; nights keep a trickle (batch jobs, other time zones).
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1].map((weight, hour) => ({ item: hour, weight }));

function tracesOfAgentOnDay(agent: DemoAgent, date: string, seed: string): DemoTrace[] {
  const random = new SeededRandom(`${seed}:${date}:${agent.agentId}`);
  const rhythm = isWeekend(date) ? agent.weekendFactor : 1;
  let expected = agent.tracesPerWeekday * rhythm * seasonalFactor(date) * random.jitter(0.2);
  if (agent.agentId === SPIKE_AGENT_ID && isSpikeDay(date, seed)) expected *= SPIKE_MULTIPLIER;
  const count = Math.max(0, Math.round(expected));
  const dayStart = Date.parse(`${date}T00:00:00Z`);

  const traces: DemoTrace[] = [];
  for (let n = 0; n < count; n++) {
    const secondOfDay =
      agent.fixedSecondOfDay !== undefined ? agent.fixedSecondOfDay + n : random.pick(HOUR_WEIGHTS) * 3600 + random.int(0, 3599);
    const input = Math.round(agent.inputTokens * random.jitter(0.5));
    const cacheRead = Math.round(input * (agent.cacheReadShare ?? 0));
    traces.push({
      agentId: agent.agentId,
      modelId: random.pick(agent.models),
      ...agent.tags,
      inputTokens: input - cacheRead,
      outputTokens: Math.round(agent.outputTokens * random.jitter(0.6)),
      ...(cacheRead > 0 ? { cacheReadTokens: cacheRead } : {}),
      occurredAt: new Date(dayStart + secondOfDay * 1000).toISOString(),
      idempotencyKey: `demo:${seed}:${date}:${agent.agentId}:${n}`,
    });
  }
  return traces;
}

/** Every trace of one UTC day, in time order; the same for the same seed and date, whenever it is generated. */
export function demoTracesForDay(date: string, seed: string = DEMO_DEFAULTS.seed): DemoTrace[] {
  return DEMO_AGENTS.flatMap((agent) => tracesOfAgentOnDay(agent, date, seed)).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/**
 * The demo's traces for the `days` UTC days ending with the day of `now`: whole days before it, and today's traces
 * dated up to `now` (plus the skew the gateway accepts), so a later run adds what happened since and resends the
 * rest unchanged.
 */
export function generateDemoTraces(options: DemoDatasetOptions): DemoTrace[] {
  const days = options.days ?? DEMO_DEFAULTS.days;
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const today = Date.parse(`${isoDay(options.now)}T00:00:00Z`);
  const until = options.now.getTime() + DEMO_DEFAULTS.aheadMs;
  const traces: DemoTrace[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const date = isoDay(new Date(today - back * DAY_MS));
    traces.push(...demoTracesForDay(date, seed).filter((trace) => Date.parse(trace.occurredAt) <= until));
  }
  return traces;
}
