import type { GuardFailMode, GuardPeriodType, GuardScope } from '@finops/contracts';
import type { Prisma } from '../../db/prisma';
import { createOrFindExisting, inTenantPrisma } from '../../db/prisma';
import type { GuardPolicy } from './guard-policy';

type DecimalValue = { toFixed(): string };

interface GuardPolicyRow {
  orgId: string;
  id: string;
  name: string | null;
  scope: GuardScope;
  agentId: string;
  limitUsd: DecimalValue;
  periodType: GuardPeriodType;
  failMode: GuardFailMode;
  createdAt: Date;
  updatedAt: Date;
}

function fromDbGuardPolicy(row: GuardPolicyRow): GuardPolicy {
  return {
    orgId: row.orgId,
    id: row.id,
    name: row.name,
    scope: row.scope,
    agentId: row.scope === 'org' ? null : row.agentId,
    limitUsd: row.limitUsd.toFixed(),
    periodType: row.periodType,
    failMode: row.failMode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type NewGuardPolicy = Omit<GuardPolicy, 'orgId' | 'createdAt' | 'updatedAt'>;

export interface GuardPolicyPatch {
  name?: string | null;
  limitUsd?: string;
  failMode?: GuardFailMode;
}

/** Guard policies through Prisma; counters and reservations are plain SQL (guard-counters.repository.ts). */
export class GuardPoliciesRepository {
  constructor(private readonly prisma: Prisma) {}

  /** The created policy, or the id of the org's existing one for the same scope, agent and period type. */
  async create(orgId: string, policy: NewGuardPolicy): Promise<GuardPolicy | { existingId: string }> {
    const agentId = policy.agentId ?? '';
    return createOrFindExisting(
      async () => fromDbGuardPolicy(await inTenantPrisma(this.prisma, orgId, (tx) => tx.guardPolicy.create({ data: { orgId, ...policy, agentId } }))),
      async () => {
        const existing = await inTenantPrisma(this.prisma, orgId, (tx) =>
          tx.guardPolicy.findUnique({
            where: { orgId_scope_agentId_periodType: { orgId, scope: policy.scope, agentId, periodType: policy.periodType } },
            select: { id: true },
          }),
        );
        return existing?.id;
      },
    );
  }

  async list(orgId: string): Promise<GuardPolicy[]> {
    const rows = await inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.guardPolicy.findMany({ where: { orgId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    );
    return rows.map(fromDbGuardPolicy);
  }

  async find(orgId: string, id: string): Promise<GuardPolicy | undefined> {
    const row = await inTenantPrisma(this.prisma, orgId, (tx) => tx.guardPolicy.findUnique({ where: { orgId_id: { orgId, id } } }));
    return row ? fromDbGuardPolicy(row) : undefined;
  }

  async update(orgId: string, id: string, patch: GuardPolicyPatch): Promise<GuardPolicy | undefined> {
    const row = await inTenantPrisma(this.prisma, orgId, async (tx) => {
      const { count } = await tx.guardPolicy.updateMany({ where: { orgId, id }, data: patch });
      return count === 0 ? null : tx.guardPolicy.findUnique({ where: { orgId_id: { orgId, id } } });
    });
    return row ? fromDbGuardPolicy(row) : undefined;
  }

  /** Deletes the policy and its counters; open reservations keep their rows but hold nothing on it any more. */
  async delete(orgId: string, id: string): Promise<boolean> {
    const { count } = await inTenantPrisma(this.prisma, orgId, (tx) => tx.guardPolicy.deleteMany({ where: { orgId, id } }));
    return count > 0;
  }
}
