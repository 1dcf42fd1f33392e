import { createPool, createPrisma } from '@finops/gateway';

type Prisma = ReturnType<typeof createPrisma>;

/** A short-lived connection to the gateway's database for one piece of set-up work, closed whatever happens. */
export async function withGatewayDatabase<T>(databaseUrl: string, work: (prisma: Prisma) => Promise<T>): Promise<T> {
  const pool = createPool(databaseUrl, 2, 'finops-launcher');
  const prisma = createPrisma(pool);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
