import { loadCatalog } from '@finops/pricing';
import { createPool } from '../db/pool';
import { createPrisma } from '../db/prisma';
import { DEFAULT_MIGRATIONS_DIR, migrate, type MigrationResult } from '../db/migrator';
import { PricingRepository } from '../modules/pricing/pricing.repository';

/** Everything a database needs before the gateway serves from it: migrations, then the built-in price catalogue. */
export async function prepareDatabase(databaseUrl: string, migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationResult> {
  const result = await migrate(databaseUrl, migrationsDir);
  await syncCatalog(databaseUrl);
  return result;
}

/** Writes the shipped price catalogue into model_prices (idempotent). */
export async function syncCatalog(databaseUrl: string): Promise<void> {
  const pool = createPool(databaseUrl, 2, 'finops-setup');
  const prisma = createPrisma(pool);
  try {
    await new PricingRepository(prisma).syncCatalog(loadCatalog().models);
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
