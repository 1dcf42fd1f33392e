import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import type { DbPool } from './pool';
import { tenantPreamble } from './tenant';

export type Prisma = PrismaClient;
export type TenantPrisma = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** One Prisma client over the service's one pg pool (hot paths use the pool directly). */
export function createPrisma(pool: DbPool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

/** Prisma work inside a transaction scoped to one org, with row-level security enforced (see tenant.ts). */
export function inTenantPrisma<T>(prisma: PrismaClient, orgId: string, work: (tx: TenantPrisma) => Promise<T>): Promise<T> {
  const [setRole, setOrg] = tenantPreamble(orgId).split('; ');
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(setRole!);
    await tx.$queryRawUnsafe(setOrg!);
    return work(tx);
  });
}

const PRISMA_UNIQUE_VIOLATION = 'P2002';

/**
 * Runs `create`; when a unique key refuses the row (the org already has one for that key, perhaps created by a
 * concurrent request), answers the id of the row that holds the key instead. The lookup runs after the failed
 * transaction, so the row a concurrent create committed is visible to it.
 */
export async function createOrFindExisting<T>(create: () => Promise<T>, existingId: () => Promise<string | undefined>): Promise<T | { existingId: string }> {
  try {
    return await create();
  } catch (error) {
    if ((error as { code?: unknown }).code !== PRISMA_UNIQUE_VIOLATION) throw error;
    const id = await existingId();
    if (id === undefined) throw error;
    return { existingId: id };
  }
}
