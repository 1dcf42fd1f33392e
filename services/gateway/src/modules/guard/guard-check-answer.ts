import type { GuardCheckResult, GuardPolicyStanding } from '@finops/contracts';
import type { GuardCheckAnswer } from './guard-check.service';
import type { PolicyView } from './guard-decision';
import type { RememberedPolicy } from './guard-policy';

function toApiStanding(view: PolicyView): GuardPolicyStanding {
  const { counter } = view;
  return {
    id: counter.policyId,
    scope: counter.scope,
    agentId: counter.agentId,
    periodType: counter.periodType,
    failMode: counter.failMode,
    limitUsd: counter.limitUsd,
    periodStart: counter.periodStart.toISOString(),
    periodEnd: counter.periodEnd.toISOString(),
    spentUsd: view.spentUsd,
    reservedUsd: view.reservedUsd,
  };
}

function toApiRememberedPolicy(policy: RememberedPolicy): GuardPolicyStanding {
  return { id: policy.id, scope: policy.scope, agentId: policy.agentId, periodType: policy.periodType, failMode: policy.failMode, limitUsd: policy.limitUsd };
}

const describePolicy = (view: PolicyView) =>
  `${view.counter.periodType} policy ${view.counter.policyId} (${view.counter.scope === 'org' ? 'the org' : `agent ${view.counter.agentId}`})`;

/** The body of POST /guard/check: always 200, the decision in the body (see the README on the deny status). */
export function toApiGuardCheckResult(answer: GuardCheckAnswer): GuardCheckResult {
  if (answer.kind === 'unavailable') {
    const { verdict } = answer;
    const policy = verdict.decision === 'deny' ? verdict.policy : undefined;
    return {
      decision: verdict.decision,
      remainingUsd: null,
      ...(policy ? { policy: toApiRememberedPolicy(policy) } : {}),
      reason: 'guard_unavailable',
      detail: verdict.detail,
    };
  }
  const { verdict } = answer;
  if (!verdict.allowed) {
    const { denying } = verdict;
    return {
      decision: 'deny',
      remainingUsd: denying.remainingUsd,
      policy: toApiStanding(denying),
      reason: 'cap_exceeded',
      detail: `The ${describePolicy(denying)} has ${denying.remainingUsd} USD left of ${denying.counter.limitUsd}; the estimate is ${answer.estimateUsd} USD`,
    };
  }
  return {
    decision: 'allow',
    ...(answer.reservation
      ? { reservationId: answer.reservation.id, reservedUsd: answer.estimateUsd, expiresAt: answer.reservation.expiresAt.toISOString() }
      : {}),
    remainingUsd: verdict.tightest?.remainingUsd ?? null,
    ...(verdict.tightest ? { policy: toApiStanding(verdict.tightest) } : {}),
  };
}
