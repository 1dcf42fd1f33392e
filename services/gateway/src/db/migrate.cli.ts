import { DEFAULT_MIGRATIONS_DIR, migrate } from './migrator';

// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const result = await migrate(url, process.env.MIGRATIONS_DIR ?? DEFAULT_MIGRATIONS_DIR);
  process.stdout.write(`applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
