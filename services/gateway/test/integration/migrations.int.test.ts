import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrator';
import { createPool } from '../../src/db/pool';
import { createPrisma } from '../../src/db/prisma';
import { createEmptyDatabase } from '../support/fresh-database';

describe('migrations', () => {
  test('when applied to an empty database, then every migration is recorded in _prisma_migrations as Prisma does', async () => {
    const db = await createEmptyDatabase();
    try {
      const result = await migrate(db.url);
      const files = await readMigrations(DEFAULT_MIGRATIONS_DIR);

      expect(result.applied).toEqual(files.map((file) => file.name));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name');
      await client.end();
      for (const [index, file] of files.entries()) {
        const sql = await readFile(join(DEFAULT_MIGRATIONS_DIR, file.name, 'migration.sql'));
        expect(rows[index]).toMatchObject({
          migration_name: file.name,
          checksum: createHash('sha256').update(sql).digest('hex'),
          applied_steps_count: 1,
          rolled_back_at: null,
        });
        expect(rows[index].finished_at).toBeInstanceOf(Date);
      }
    } finally {
      await db.drop();
    }
  });

  test('when run again, then nothing is applied twice', async () => {
    const db = await createEmptyDatabase();
    try {
      await migrate(db.url);
      const again = await migrate(db.url);

      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied.length).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });

  test('when two replicas migrate the same empty database at once, then each migration is applied exactly once', async () => {
    const db = await createEmptyDatabase();
    try {
      const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);

      const files = await readMigrations(DEFAULT_MIGRATIONS_DIR);
      expect([...a.applied, ...b.applied].sort()).toEqual(files.map((file) => file.name).sort());
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT count(*)::int AS n FROM _prisma_migrations');
      await client.end();
      expect(rows[0].n).toBe(files.length);
    } finally {
      await db.drop();
    }
  });

  test('when an applied migration file was edited, then start-up refuses with a clear message', async () => {
    const db = await createEmptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'finops-migrations-'));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(db.url, dir);
      const [first] = await readMigrations(dir);
      await writeFile(join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);

      await expect(migrate(db.url, dir)).rejects.toThrow(/was modified after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  test('when a migration fails, then it is rolled back, recorded as rolled back, and the next start can retry', async () => {
    const db = await createEmptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'finops-migrations-'));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      const broken = join(dir, '99990101000000_broken');
      await cp(join(dir, (await readMigrations(dir))[0]!.name), broken, { recursive: true });
      await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int); SELECT 1/0;');

      await expect(migrate(db.url, dir)).rejects.toThrow(/99990101000000_broken failed/);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const table = await client.query("SELECT to_regclass('half_done') AS t");
      const record = await client.query("SELECT rolled_back_at, logs FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'");
      await client.end();
      expect(table.rows[0].t).toBeNull();
      expect(record.rows[0].rolled_back_at).toBeInstanceOf(Date);
      expect(record.rows[0].logs).toMatch(/division by zero/);

      await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int);');
      await expect(migrate(db.url, dir)).resolves.toMatchObject({ applied: ['99990101000000_broken'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  test('when the schema is migrated from SQL, then every Prisma model reads and writes it (schema and SQL agree)', async () => {
    const db = await createEmptyDatabase();
    const pool = createPool(db.url, 2);
    const prisma = createPrisma(pool);
    try {
      await migrate(db.url);
      const orgId = randomUUID();
      const at = new Date('2026-11-02T10:00:00Z');
      await prisma.org.create({ data: { id: orgId, name: 'schema check' } });
      await prisma.apiKey.create({ data: { orgId, id: randomUUID(), name: 'k', keyHash: 'a'.repeat(64), prefix: 'fok_abcd1234', scopes: ['read'] } });
      await prisma.executionTrace.create({
        data: {
          orgId, id: randomUUID(), agentId: 'a', modelId: 'm', input: 'in', output: 'out', inputTokens: 1, outputTokens: 2,
          cacheReadTokens: 3, cacheWriteTokens: 4, unsplitTokens: 5, totalTokens: 15, costUsd: '0.000000000001',
          pricingSource: 'catalog', pricingVersion: 'v', costCenter: 'cc', project: 'p', team: 't', occurredAt: at,
          receivedAt: at, idempotencyKey: 'k', requestHash: 'b'.repeat(64), metadata: { a: 1 }, reservationId: randomUUID(),
        },
      });
      await prisma.costRollupHourly.create({
        data: {
          orgId, hour: at, agentId: 'a', modelId: 'm', costCenter: '', project: '', team: '', spendUsd: '1.5', traceCount: 1n,
          inputTokens: 1n, outputTokens: 2n, cacheReadTokens: 3n, cacheWriteTokens: 4n, unsplitTokens: 5n, unpricedTraceCount: 0n, unpricedTokens: 0n,
        },
      });
      await prisma.modelPrice.create({
        data: { orgId, modelId: 'm', effectiveFrom: at, provider: 'p', inputUsdPerMTok: '1', outputUsdPerMTok: '2', cacheReadUsdPerMTok: null, cacheWriteUsdPerMTok: '3', source: 's' },
      });

      const budgetId = randomUUID();
      await prisma.budgetCap.create({
        data: { orgId, id: budgetId, name: 'n', dimension: 'costCenter', dimensionValue: 'cc', limitUsd: '500.5', periodType: 'monthly', timezone: 'Asia/Kolkata', warnAt: ['0.5', '0.8'] },
      });
      await prisma.budgetAlertStateRow.create({
        data: { orgId, budgetId, periodStart: at, periodEnd: at, alertState: 'warning', warnThreshold: '0.8', spentUsd: '400.25', stateSince: at, evaluatedAt: at },
      });
      await prisma.budgetAlertEvent.create({
        data: {
          orgId, id: randomUUID(), budgetId, budgetName: null, dimension: 'org', dimensionValue: '', periodType: 'quarterly', timezone: 'UTC',
          periodStart: at, periodEnd: at, fromState: 'ok', toState: 'exceeded', fromThreshold: null, toThreshold: null, reason: 'period_rollover',
          spentUsd: '1', limitUsd: '1', occurredAt: at,
        },
      });
      const subscriptionId = randomUUID();
      await prisma.webhookSubscription.create({ data: { orgId, id: subscriptionId, url: 'https://example.test/hook', secret: 's', eventTypes: ['budget.ok'], description: null } });
      await prisma.webhookDelivery.create({
        data: { orgId, id: randomUUID(), subscriptionId, eventId: randomUUID(), eventType: 'budget.ok', payload: '{}', status: 'pending', attempts: 0, nextAttemptAt: at },
      });
      const policyId = randomUUID();
      await prisma.guardPolicy.create({
        data: { orgId, id: policyId, name: 'n', scope: 'agent', agentId: 'a', limitUsd: '1.25', periodType: 'weekly', failMode: 'open' },
      });
      await prisma.guardCounter.create({ data: { orgId, policyId, periodStart: at, periodEnd: at, agentId: 'a', spentUsd: '0.5', reservedUsd: '0.25' } });
      await prisma.guardCounterDelta.create({ data: { orgId, policyId, periodStart: at, spentUsd: '0.125', releasedUsd: '0' } });
      await prisma.guardReservation.create({
        data: {
          orgId, id: randomUUID(), agentId: 'a', estimateUsd: '0.25', heldUsd: '0.25', settledUsd: null, status: 'held', policyIds: [policyId],
          periodStarts: [at], expiresAt: at, traceId: null, endedAt: null,
        },
      });

      await prisma.rateLimit.create({ data: { key: `schema-check:${orgId}`, points: 3, expire: 1_800_000_000_000n } });
      await prisma.otlpAttributeMapping.create({ data: { orgId, dimension: 'costCenter', attributeKey: 'k'.repeat(255) } });
      await prisma.spendAnomaly.create({
        data: {
          orgId, id: randomUUID(), dimension: 'agentId', dimensionValue: 'a', startAt: at, endAt: new Date(at.getTime() + 3_600_000), expectedUsd: '1.5',
          actualUsd: '15', impactUsd: '13.5', score: 12.5, direction: 'up', status: 'open', feedback: 'planned', drivers: [], detectedAt: at, resolvedAt: null,
        },
      });
      await prisma.anomalyDetectionRun.create({ data: { orgId, hour: at } });

      const trace = await prisma.executionTrace.findFirstOrThrow({ where: { orgId } });
      expect(trace.costUsd.toFixed()).toBe('0.000000000001');
      expect(trace.metadata).toEqual({ a: 1 });
      expect((await prisma.spendAnomaly.findFirstOrThrow({ where: { orgId } })).impactUsd.toFixed()).toBe('13.5');
      expect(await prisma.apiKey.count({ where: { orgId } })).toBe(1);
      expect((await prisma.costRollupHourly.findFirstOrThrow({ where: { orgId } })).spendUsd.toFixed()).toBe('1.5');
      expect((await prisma.modelPrice.findFirstOrThrow({ where: { orgId } })).cacheWriteUsdPerMTok?.toFixed()).toBe('3');
      expect(await prisma.org.count({ where: { id: orgId } })).toBe(1);
      const cap = await prisma.budgetCap.findFirstOrThrow({ where: { orgId }, include: { alertState: true } });
      expect([cap.limitUsd.toFixed(), cap.warnAt.map((t) => t.toFixed()), cap.alertState?.spentUsd.toFixed()]).toEqual(['500.5', ['0.5', '0.8'], '400.25']);
      expect((await prisma.budgetAlertEvent.findFirstOrThrow({ where: { orgId } })).reason).toBe('period_rollover');
      expect((await prisma.webhookSubscription.findFirstOrThrow({ where: { orgId }, include: { deliveries: true } })).deliveries).toHaveLength(1);
      const policy = await prisma.guardPolicy.findFirstOrThrow({ where: { orgId }, include: { counters: true } });
      expect([policy.limitUsd.toFixed(), policy.counters[0]?.reservedUsd.toFixed()]).toEqual(['1.25', '0.25']);
      expect((await prisma.guardReservation.findFirstOrThrow({ where: { orgId } })).periodStarts).toEqual([at]);
      expect((await prisma.guardCounterDelta.findFirstOrThrow({ where: { orgId } })).id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await prisma.rateLimit.findUniqueOrThrow({ where: { key: `schema-check:${orgId}` } })).toEqual({ key: `schema-check:${orgId}`, points: 3, expire: 1_800_000_000_000n });
      expect((await prisma.otlpAttributeMapping.findFirstOrThrow({ where: { orgId } })).attributeKey).toHaveLength(255);
      expect(trace.reservationId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await prisma.$disconnect();
      await pool.end();
      await db.drop();
    }
  });
});
