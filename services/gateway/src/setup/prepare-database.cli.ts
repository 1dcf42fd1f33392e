import { DEFAULT_MIGRATIONS_DIR } from '../db/migrator';
import { prepareDatabase, syncCatalog } from './prepare-database';

// `npm run db:prepare`: applies pending migrations to DATABASE_URL and loads the price catalogue.
// `--catalog-only` leaves migrations to `prisma migrate deploy` (the Docker image's migrate step).
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  if (process.argv.includes('--catalog-only')) {
    await syncCatalog(url);
    process.stdout.write('price catalogue loaded\n');
    return;
  }
  const result = await prepareDatabase(url, process.env.MIGRATIONS_DIR ?? DEFAULT_MIGRATIONS_DIR);
  process.stdout.write(`applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; price catalogue loaded\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
