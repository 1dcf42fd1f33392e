import type { GuardFailMode, GuardPeriodType, GuardScope } from '@finops/contracts';
import { Decimal } from '@finops/pricing';

/** One policy's counter in the current period, read with its row locked (so nobody else changes it meanwhile). */
export interface CounterStanding {
  policyId: string;
  scope: GuardScope;
  agentId: string | null;
  periodType: GuardPeriodType;
  failMode: GuardFailMode;
  limitUsd: string;
  periodStart: Date;
  periodEnd: Date;
  /** Ingested spend in the period. */
  spentUsd: string;
  /** Held by open reservations (expired ones already released). */
  reservedUsd: string;
}

export interface PendingCheck {
  agentId: string;
  estimateUsd: string;
}

/** A policy as a decision saw it: its counter after this check (allowed) or as found (denied). */
export interface PolicyView {
  counter: CounterStanding;
  spentUsd: string;
  reservedUsd: string;
  /** limit − spent − reserved, never below 0. */
  remainingUsd: string;
}

export type CheckVerdict =
  | {
      allowed: true;
      /** Every policy that applied (the reservation holds the estimate on each); empty when none applied. */
      holds: CounterStanding[];
      /** The policy with the least left after this check. */
      tightest: PolicyView | undefined;
    }
  | { allowed: false; denying: PolicyView };

export interface BatchDecision {
  verdicts: CheckVerdict[];
  /** What the allowed checks add to each counter's reserved amount, by counterKey. */
  reservedDeltas: Map<string, string>;
}

export const counterKey = (counter: Pick<CounterStanding, 'policyId' | 'periodStart'>) => `${counter.policyId}@${counter.periodStart.getTime()}`;

const appliesTo = (counter: CounterStanding, agentId: string) => counter.scope === 'org' || counter.agentId === agentId;

/**
 * Decides a batch of checks of one org in order, as if they had arrived one after another: a check is allowed when
 * every policy that applies to its agent still has something left and the estimate fits into it
 * (`remaining > 0 and estimate <= remaining`, so an estimate exactly equal to what is left is allowed and a policy
 * at its limit allows nothing, not even a zero estimate). An allowed check holds its estimate on each of those
 * policies, which later checks in the batch see. A denied check names the most restrictive policy: the one with the
 * least left after the estimate (ties: the first in the counters' order). Exact decimal arithmetic throughout.
 */
export function decideChecks(checks: readonly PendingCheck[], counters: readonly CounterStanding[]): BatchDecision {
  const held = new Map<string, Decimal>();
  const remainingOf = (counter: CounterStanding) =>
    new Decimal(counter.limitUsd).minus(counter.spentUsd).minus(counter.reservedUsd).minus(held.get(counterKey(counter)) ?? 0);
  const view = (counter: CounterStanding): PolicyView => {
    const extra = held.get(counterKey(counter)) ?? new Decimal(0);
    return {
      counter,
      spentUsd: counter.spentUsd,
      reservedUsd: extra.plus(counter.reservedUsd).toFixed(),
      remainingUsd: Decimal.max(remainingOf(counter), 0).toFixed(),
    };
  };
  const byLeastLeft = (estimate: Decimal) => (a: CounterStanding, b: CounterStanding) =>
    remainingOf(a).minus(estimate).comparedTo(remainingOf(b).minus(estimate));

  const verdicts = checks.map((check): CheckVerdict => {
    const estimate = new Decimal(check.estimateUsd);
    const applicable = counters.filter((counter) => appliesTo(counter, check.agentId));
    const refusing = applicable.filter((counter) => {
      const remaining = remainingOf(counter);
      return remaining.lte(0) || estimate.gt(remaining);
    });
    if (refusing.length > 0) return { allowed: false, denying: view([...refusing].sort(byLeastLeft(estimate))[0]!) };
    for (const counter of applicable) held.set(counterKey(counter), (held.get(counterKey(counter)) ?? new Decimal(0)).plus(estimate));
    const tightest = [...applicable].sort(byLeastLeft(new Decimal(0)))[0];
    return { allowed: true, holds: applicable, tightest: tightest ? view(tightest) : undefined };
  });
  return { verdicts, reservedDeltas: new Map([...held].map(([key, amount]) => [key, amount.toFixed()])) };
}
