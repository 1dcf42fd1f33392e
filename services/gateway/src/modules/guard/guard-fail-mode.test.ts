import { decideWithoutDatabase } from './guard-fail-mode';
import type { RememberedPolicy } from './guard-policy';

const policy = (id: string, fields: Partial<RememberedPolicy> = {}): RememberedPolicy => ({
  id,
  scope: 'org',
  agentId: null,
  periodType: 'monthly',
  failMode: 'closed',
  limitUsd: '10',
  ...fields,
});

describe('decideWithoutDatabase', () => {
  test('when nothing is known about the org, then the check fails closed', () => {
    expect(decideWithoutDatabase(undefined, 'a1')).toMatchObject({ decision: 'deny', policy: undefined });
  });

  test('when every applicable policy fails open, then the check is allowed', () => {
    const verdict = decideWithoutDatabase([policy('org', { failMode: 'open' }), policy('a1', { scope: 'agent', agentId: 'a1', failMode: 'open' })], 'a1');

    expect(verdict).toMatchObject({ decision: 'allow', policies: [{ id: 'org' }, { id: 'a1' }] });
  });

  test('when one applicable policy fails closed, then it denies, naming the closed policy with the lowest limit', () => {
    const remembered = [
      policy('org-open', { failMode: 'open', limitUsd: '1' }),
      policy('org-closed', { periodType: 'monthly', limitUsd: '100' }),
      policy('agent-closed', { scope: 'agent', agentId: 'a1', periodType: 'daily', limitUsd: '5' }),
    ];

    expect(decideWithoutDatabase(remembered, 'a1')).toMatchObject({ decision: 'deny', policy: { id: 'agent-closed' } });
  });

  test('when the only closed policy belongs to another agent, then it does not decide for this one', () => {
    const remembered = [policy('org', { failMode: 'open' }), policy('a2', { scope: 'agent', agentId: 'a2' })];

    expect(decideWithoutDatabase(remembered, 'a1')).toMatchObject({ decision: 'allow' });
  });

  test('when the org was known to have no policy, then the check is allowed', () => {
    expect(decideWithoutDatabase([], 'a1')).toMatchObject({ decision: 'allow', policies: [] });
  });
});
