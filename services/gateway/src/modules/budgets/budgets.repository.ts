import type { BudgetAlertReason, BudgetAlertState, BudgetDimension, BudgetPeriodType } from '@finops/contracts';
import type { Prisma } from '../../db/prisma';
import { createOrFindExisting, inTenantPrisma } from '../../db/prisma';
import type { BudgetAlertEvent, BudgetCap, StoredAlertState } from './budget';

type DecimalValue = { toFixed(): string };

interface BudgetCapRow {
  orgId: string;
  id: string;
  name: string | null;
  dimension: BudgetDimension;
  dimensionValue: string;
  limitUsd: DecimalValue;
  periodType: BudgetPeriodType;
  timezone: string;
  warnAt: DecimalValue[];
  createdAt: Date;
  updatedAt: Date;
}

function fromDbBudgetCap(row: BudgetCapRow): BudgetCap {
  return {
    orgId: row.orgId,
    id: row.id,
    name: row.name,
    dimension: row.dimension,
    value: row.dimension === 'org' ? null : row.dimensionValue,
    limitUsd: row.limitUsd.toFixed(),
    periodType: row.periodType,
    timezone: row.timezone,
    warnAt: row.warnAt.map((threshold) => threshold.toFixed()).sort((a, b) => Number(a) - Number(b)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

interface BudgetAlertEventRow {
  orgId: string;
  id: string;
  budgetId: string;
  budgetName: string | null;
  dimension: BudgetDimension;
  dimensionValue: string;
  periodType: BudgetPeriodType;
  timezone: string;
  periodStart: Date;
  periodEnd: Date;
  fromState: BudgetAlertState;
  toState: BudgetAlertState;
  fromThreshold: DecimalValue | null;
  toThreshold: DecimalValue | null;
  reason: BudgetAlertReason;
  spentUsd: DecimalValue;
  limitUsd: DecimalValue;
  occurredAt: Date;
}

function fromDbBudgetAlertEvent(row: BudgetAlertEventRow): BudgetAlertEvent {
  return {
    id: row.id,
    orgId: row.orgId,
    budgetId: row.budgetId,
    budgetName: row.budgetName,
    dimension: row.dimension,
    value: row.dimension === 'org' ? null : row.dimensionValue,
    periodType: row.periodType,
    timezone: row.timezone,
    period: { start: row.periodStart, end: row.periodEnd },
    from: { state: row.fromState, threshold: row.fromThreshold?.toFixed() ?? null },
    to: { state: row.toState, threshold: row.toThreshold?.toFixed() ?? null },
    reason: row.reason,
    spentUsd: row.spentUsd.toFixed(),
    limitUsd: row.limitUsd.toFixed(),
    occurredAt: row.occurredAt,
  };
}

export type NewBudgetCap = Omit<BudgetCap, 'orgId' | 'createdAt' | 'updatedAt'>;

export interface BudgetCapPatch {
  name?: string | null;
  limitUsd?: string;
  timezone?: string;
  warnAt?: string[];
}

export interface EventPage {
  budgetId?: string;
  limit: number;
  /** Only events older than this one (newest first). */
  before?: { occurredAt: Date; id: string };
}

/** Budget caps and their events through Prisma; alert state transitions live in BudgetAlertsRepository. */
export class BudgetsRepository {
  constructor(private readonly prisma: Prisma) {}

  /**
   * Creates the cap with its initial state row (`ok` for the current period) in one transaction. Returns the id of
   * the existing cap instead when the org already has one for the same dimension, value and period type.
   */
  async create(orgId: string, cap: NewBudgetCap, initial: StoredAlertState): Promise<BudgetCap | { existingId: string }> {
    const dimensionValue = cap.value ?? '';
    return createOrFindExisting(
      async () => {
        const row = await inTenantPrisma(this.prisma, orgId, async (tx) => {
          const created = await tx.budgetCap.create({
            data: {
              orgId, id: cap.id, name: cap.name, dimension: cap.dimension, dimensionValue, limitUsd: cap.limitUsd,
              periodType: cap.periodType, timezone: cap.timezone, warnAt: cap.warnAt,
            },
          });
          await tx.budgetAlertStateRow.create({
            data: {
              orgId, budgetId: cap.id, periodStart: initial.period.start, periodEnd: initial.period.end, alertState: initial.level.state,
              warnThreshold: initial.level.threshold, spentUsd: initial.spentUsd, stateSince: initial.since, evaluatedAt: initial.since,
            },
          });
          return created;
        });
        return fromDbBudgetCap(row);
      },
      async () => {
        const existing = await inTenantPrisma(this.prisma, orgId, (tx) =>
          tx.budgetCap.findUnique({
            where: { orgId_dimension_dimensionValue_periodType: { orgId, dimension: cap.dimension, dimensionValue, periodType: cap.periodType } },
            select: { id: true },
          }),
        );
        return existing?.id;
      },
    );
  }

  async list(orgId: string): Promise<BudgetCap[]> {
    const rows = await inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.budgetCap.findMany({ where: { orgId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    );
    return rows.map(fromDbBudgetCap);
  }

  async find(orgId: string, id: string): Promise<BudgetCap | undefined> {
    const row = await inTenantPrisma(this.prisma, orgId, (tx) => tx.budgetCap.findUnique({ where: { orgId_id: { orgId, id } } }));
    return row ? fromDbBudgetCap(row) : undefined;
  }

  async update(orgId: string, id: string, patch: BudgetCapPatch): Promise<BudgetCap | undefined> {
    const row = await inTenantPrisma(this.prisma, orgId, async (tx) => {
      const { count } = await tx.budgetCap.updateMany({ where: { orgId, id }, data: patch });
      return count === 0 ? null : tx.budgetCap.findUnique({ where: { orgId_id: { orgId, id } } });
    });
    return row ? fromDbBudgetCap(row) : undefined;
  }

  /** Deletes the cap and its state row; its events stay. False when the org has no such cap. */
  async delete(orgId: string, id: string): Promise<boolean> {
    const { count } = await inTenantPrisma(this.prisma, orgId, (tx) => tx.budgetCap.deleteMany({ where: { orgId, id } }));
    return count > 0;
  }

  /** Newest first, at most `limit`, optionally only those older than `before` (keyset pagination). */
  async events(orgId: string, page: EventPage): Promise<BudgetAlertEvent[]> {
    const before = page.before;
    const rows = await inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.budgetAlertEvent.findMany({
        where: {
          orgId,
          ...(page.budgetId ? { budgetId: page.budgetId } : {}),
          ...(before
            ? { OR: [{ occurredAt: { lt: before.occurredAt } }, { occurredAt: before.occurredAt, id: { lt: before.id } }] }
            : {}),
        },
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        take: page.limit,
      }),
    );
    return rows.map(fromDbBudgetAlertEvent);
  }
}
