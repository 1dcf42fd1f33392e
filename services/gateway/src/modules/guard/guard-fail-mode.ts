import { Decimal } from '@finops/pricing';
import { appliesTo, type RememberedPolicy } from './guard-policy';

export type UnavailableVerdict =
  | { decision: 'deny'; policy: RememberedPolicy | undefined; detail: string }
  | { decision: 'allow'; policies: RememberedPolicy[]; detail: string };

/**
 * The answer when the database cannot give one in time, from the policies this gateway last read for the org:
 * deny when any policy that applies to the agent fails closed (naming the one with the lowest limit), allow when all
 * of them fail open or none applies. When nothing is known about the org's policies, deny: a gateway that cannot
 * tell whether a cap exists must not assume there is none.
 */
export function decideWithoutDatabase(remembered: readonly RememberedPolicy[] | undefined, agentId: string): UnavailableVerdict {
  if (!remembered) {
    return { decision: 'deny', policy: undefined, detail: 'The guard database did not answer in time and this gateway does not know the org’s policies yet; failing closed' };
  }
  const applicable = remembered.filter((policy) => appliesTo(policy, agentId));
  const closed = applicable.filter((policy) => policy.failMode === 'closed').sort((a, b) => new Decimal(a.limitUsd).comparedTo(b.limitUsd));
  if (closed.length > 0) {
    return { decision: 'deny', policy: closed[0], detail: `The guard database did not answer in time; policy ${closed[0]!.id} fails closed` };
  }
  const detail =
    applicable.length === 0
      ? 'The guard database did not answer in time; no policy applied to this agent when last read'
      : 'The guard database did not answer in time; every policy that applies fails open, so the action is allowed without a reservation';
  return { decision: 'allow', policies: applicable, detail };
}
