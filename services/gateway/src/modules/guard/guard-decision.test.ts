import { counterKey, decideChecks, type CounterStanding } from './guard-decision';

const start = new Date('2026-12-01T00:00:00Z');
const end = new Date('2027-01-01T00:00:00Z');
const counter = (policyId: string, fields: Partial<CounterStanding> = {}): CounterStanding => ({
  policyId,
  scope: 'org',
  agentId: null,
  periodType: 'monthly',
  failMode: 'closed',
  limitUsd: '1',
  periodStart: start,
  periodEnd: end,
  spentUsd: '0',
  reservedUsd: '0',
  ...fields,
});
const check = (estimateUsd: string, agentId = 'a1') => ({ agentId, estimateUsd });

describe('decideChecks', () => {
  test('when an estimate equals exactly what is left, then it is allowed and the next cent is not', () => {
    const { verdicts } = decideChecks([check('0.25'), check('0.01')], [counter('p1', { spentUsd: '0.5', reservedUsd: '0.25' })]);

    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, false]);
    expect(verdicts[1]).toMatchObject({ allowed: false, denying: { remainingUsd: '0', reservedUsd: '0.5' } });
  });

  test('when a policy is at its limit, then even a zero estimate is denied', () => {
    const { verdicts } = decideChecks([check('0')], [counter('p1', { spentUsd: '1' })]);

    expect(verdicts[0]!.allowed).toBe(false);
  });

  test('when spend already passed the limit, then remaining shows 0, not a negative amount', () => {
    const { verdicts } = decideChecks([check('0.01')], [counter('p1', { spentUsd: '1.5' })]);

    expect(verdicts[0]).toMatchObject({ allowed: false, denying: { remainingUsd: '0' } });
  });

  test('when 200 checks of 0.01 meet a 1.00 cap in one batch, then exactly the first 100 are allowed', () => {
    const { verdicts, reservedDeltas } = decideChecks(Array.from({ length: 200 }, () => check('0.01')), [counter('p1')]);

    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(100);
    expect(verdicts.slice(0, 100).every((verdict) => verdict.allowed)).toBe(true);
    expect(reservedDeltas.get(counterKey(counter('p1')))).toBe('1');
  });

  test('when an org and an agent policy apply, then the most restrictive one decides and a deny names it', () => {
    const org = counter('org-policy', { limitUsd: '100' });
    const agent = counter('agent-policy', { scope: 'agent', agentId: 'a1', periodType: 'daily', limitUsd: '0.05' });

    const { verdicts } = decideChecks([check('0.04'), check('0.04')], [org, agent]);

    expect(verdicts[0]).toMatchObject({ allowed: true, tightest: { counter: { policyId: 'agent-policy' }, remainingUsd: '0.01', reservedUsd: '0.04' } });
    expect(verdicts[1]).toMatchObject({ allowed: false, denying: { counter: { policyId: 'agent-policy' }, remainingUsd: '0.01' } });
  });

  test('when a denied check would have fit one policy, then nothing is held for it on any policy', () => {
    const org = counter('org-policy', { limitUsd: '100' });
    const agent = counter('agent-policy', { scope: 'agent', agentId: 'a1', limitUsd: '0.01' });

    const { reservedDeltas } = decideChecks([check('0.02')], [org, agent]);

    expect(reservedDeltas.size).toBe(0);
  });

  test('when another agent’s policy is locked with the batch, then it neither limits nor holds for this agent', () => {
    const other = counter('other-agent', { scope: 'agent', agentId: 'a2', limitUsd: '0.001' });

    const { verdicts, reservedDeltas } = decideChecks([check('0.5', 'a1')], [counter('org-policy'), other]);

    expect(verdicts[0]).toMatchObject({ allowed: true, holds: [{ policyId: 'org-policy' }] });
    expect([...reservedDeltas.keys()]).toEqual([counterKey(counter('org-policy'))]);
  });

  test('when no policy applies, then the check is allowed with nothing to hold', () => {
    const { verdicts } = decideChecks([check('5')], []);

    expect(verdicts[0]).toEqual({ allowed: true, holds: [], tightest: undefined });
  });

  test('when amounts have 12 decimal places, then the arithmetic is exact', () => {
    const { verdicts } = decideChecks([check('0.000000000001')], [counter('p1', { spentUsd: '0.999999999998', reservedUsd: '0.000000000001' })]);

    expect(verdicts[0]).toMatchObject({ allowed: true, tightest: { remainingUsd: '0' } });
  });
});
