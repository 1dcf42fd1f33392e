import { TraceIngestSchema } from '@finops/contracts';
import { DEMO_AGENTS, SPIKE_AGENT_ID } from './demo-agents';
import { demoTracesForDay, generateDemoTraces, isSpikeDay, isoDay } from './demo-dataset';

const NOW = new Date('2026-11-29T10:30:00Z');

describe('demo dataset', () => {
  const traces = generateDemoTraces({ now: NOW });

  test('when generated twice, then it is the same traces (seeded, independent of the clock)', () => {
    expect(generateDemoTraces({ now: NOW })).toEqual(traces);
  });

  test('when generated on a later day, then the days both runs cover hold the same traces under the same keys', () => {
    const later = generateDemoTraces({ now: new Date('2026-12-05T08:00:00Z') });
    const byKey = new Map(later.map((trace) => [trace.idempotencyKey, trace]));
    const shared = traces.filter((trace) => trace.occurredAt >= '2026-09-07');
    expect(shared.length).toBeGreaterThan(10_000);
    for (const trace of shared) expect(byKey.get(trace.idempotencyKey)).toEqual(trace);
  });

  test('when generated, then it spans 90 UTC days up to now, every trace valid for the ingest API with a unique key', () => {
    const days = new Set(traces.map((trace) => trace.occurredAt.slice(0, 10)));
    expect(days.size).toBe(90);
    expect([...days].sort()[0]).toBe('2026-09-01');
    expect(traces.every((trace) => Date.parse(trace.occurredAt) <= NOW.getTime() + 2 * 60_000)).toBe(true);
    expect(new Set(traces.map((trace) => trace.idempotencyKey)).size).toBe(traces.length);
    for (const trace of traces.slice(0, 500)) expect(TraceIngestSchema.safeParse(trace).success).toBe(true);
  });

  test('when counted by weekday, then weekends carry clearly less traffic than weekdays', () => {
    const weekday = demoTracesForDay('2026-11-25').length; // a Wednesday
    const weekend = demoTracesForDay('2026-11-28').length; // a Saturday
    expect(weekend).toBeLessThan(weekday * 0.5);
  });

  test('when any 90 consecutive days are taken, then exactly one is the spike, with many times the usual research traffic', () => {
    for (const start of ['2026-01-01', '2026-06-15', '2026-09-01']) {
      const days = Array.from({ length: 90 }, (_, index) => isoDay(new Date(Date.parse(`${start}T00:00:00Z`) + index * 86_400_000)));
      expect(days.filter((day) => isSpikeDay(day))).toHaveLength(1);
    }
    const spikeDay = [...new Set(traces.map((trace) => trace.occurredAt.slice(0, 10)))].find((day) => isSpikeDay(day))!;
    const research = (day: string) => demoTracesForDay(day).filter((trace) => trace.agentId === SPIKE_AGENT_ID).length;
    const dayBefore = isoDay(new Date(Date.parse(`${spikeDay}T00:00:00Z`) - 7 * 86_400_000));
    expect(research(spikeDay)).toBeGreaterThan(5 * research(dayBefore));
  });

  test('when looked at by tags, then there are several cost centers, projects, teams and models, and untagged traffic', () => {
    const distinct = (pick: (trace: (typeof traces)[number]) => string | null | undefined) => new Set(traces.map(pick).filter(Boolean)).size;
    expect(distinct((trace) => trace.costCenter)).toBeGreaterThanOrEqual(5);
    expect(distinct((trace) => trace.project)).toBeGreaterThanOrEqual(5);
    expect(distinct((trace) => trace.team)).toBeGreaterThanOrEqual(6);
    expect(distinct((trace) => trace.modelId)).toBeGreaterThanOrEqual(8);
    expect(distinct((trace) => trace.agentId)).toBe(DEMO_AGENTS.length);
    expect(traces.some((trace) => !trace.costCenter && !trace.project && !trace.team)).toBe(true);
  });

  test('when today has begun, then a nightly job has already run, so this month always has engineering spend', () => {
    const justAfterMidnight = generateDemoTraces({ now: new Date('2026-12-01T00:00:00Z'), days: 1 });
    expect(justAfterMidnight.some((trace) => trace.costCenter === 'engineering')).toBe(true);
  });
});
