import type { GuardFailMode, GuardPeriodType, GuardPolicy as GuardPolicyBody, GuardReservation as GuardReservationBody, GuardReservationStatus, GuardScope } from '@finops/contracts';

/** A guard policy as services see it. */
export interface GuardPolicy {
  orgId: string;
  id: string;
  name: string | null;
  scope: GuardScope;
  /** null for the org scope (stored as ''). */
  agentId: string | null;
  limitUsd: string;
  periodType: GuardPeriodType;
  failMode: GuardFailMode;
  createdAt: Date;
  updatedAt: Date;
}

/** What deciding without the database needs to know of a policy (see guard-policy-memory.ts). */
export type RememberedPolicy = Pick<GuardPolicy, 'id' | 'scope' | 'agentId' | 'periodType' | 'failMode' | 'limitUsd'>;

/** An allowed check's hold on its policies' counters. */
export interface GuardReservation {
  id: string;
  agentId: string;
  status: GuardReservationStatus;
  estimateUsd: string;
  heldUsd: string;
  settledUsd: string | null;
  traceId: string | null;
  expiresAt: Date;
  createdAt: Date;
}

/** Whether a policy covers an action of `agentId`. */
export function appliesTo(policy: Pick<GuardPolicy, 'scope' | 'agentId'>, agentId: string): boolean {
  return policy.scope === 'org' || policy.agentId === agentId;
}

export function toApiGuardPolicy(policy: GuardPolicy): GuardPolicyBody {
  return {
    id: policy.id,
    name: policy.name,
    scope: policy.scope,
    agentId: policy.agentId,
    limitUsd: policy.limitUsd,
    periodType: policy.periodType,
    failMode: policy.failMode,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

export function toApiGuardReservation(reservation: GuardReservation): GuardReservationBody {
  return {
    id: reservation.id,
    agentId: reservation.agentId,
    status: reservation.status,
    estimateUsd: reservation.estimateUsd,
    heldUsd: reservation.heldUsd,
    settledUsd: reservation.settledUsd,
    traceId: reservation.traceId,
    expiresAt: reservation.expiresAt.toISOString(),
    createdAt: reservation.createdAt.toISOString(),
  };
}
