import { randomUUID } from 'node:crypto';
import type { CreateGuardPolicy, UpdateGuardPolicy } from '@finops/contracts';
import { ConflictError, NotFoundError } from '../../errors';
import type { GuardPoliciesRepository, GuardPolicyPatch } from './guard-policies.repository';
import type { GuardPolicy } from './guard-policy';

/** What the check side is told about policy changes made through this gateway. */
export interface GuardPolicyListener {
  /** Every change: the memory of fail modes is re-read (guard-policy-memory.ts). */
  policiesChanged(orgId: string): void;
  /** A new policy: its counter for the current period is created at once. */
  policyCreated(orgId: string, policy: GuardPolicy): Promise<void>;
}

export class GuardPoliciesService {
  constructor(
    private readonly repository: GuardPoliciesRepository,
    private readonly listener: GuardPolicyListener,
  ) {}

  /** A policy counts the spend already stored in its current period (its counter starts from it). */
  async create(orgId: string, input: CreateGuardPolicy): Promise<GuardPolicy> {
    const result = await this.repository.create(orgId, {
      id: randomUUID(),
      name: input.name ?? null,
      scope: input.scope,
      agentId: input.agentId ?? null,
      limitUsd: input.limitUsd,
      periodType: input.periodType,
      failMode: input.failMode,
    });
    if ('existingId' in result) {
      const scope = input.scope === 'org' ? 'the org' : `agent "${input.agentId}"`;
      throw new ConflictError(`A ${input.periodType} guard policy for ${scope} already exists (id ${result.existingId}); change it with PATCH instead`);
    }
    this.listener.policiesChanged(orgId);
    await this.listener.policyCreated(orgId, result);
    return result;
  }

  list(orgId: string): Promise<GuardPolicy[]> {
    return this.repository.list(orgId);
  }

  async get(orgId: string, id: string): Promise<GuardPolicy> {
    const policy = await this.repository.find(orgId, id);
    if (!policy) throw new NotFoundError(`Guard policy ${id}`);
    return policy;
  }

  /** A new limit or fail mode applies from the next check on (checks read the policy under the counters' locks). */
  async update(orgId: string, id: string, patch: UpdateGuardPolicy): Promise<GuardPolicy> {
    const changes: GuardPolicyPatch = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.limitUsd !== undefined ? { limitUsd: patch.limitUsd } : {}),
      ...(patch.failMode !== undefined ? { failMode: patch.failMode } : {}),
    };
    const policy = await this.repository.update(orgId, id, changes);
    if (!policy) throw new NotFoundError(`Guard policy ${id}`);
    this.listener.policiesChanged(orgId);
    return policy;
  }

  async delete(orgId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(orgId, id))) throw new NotFoundError(`Guard policy ${id}`);
    this.listener.policiesChanged(orgId);
  }
}
