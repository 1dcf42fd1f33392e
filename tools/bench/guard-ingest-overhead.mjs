#!/usr/bin/env node
// What the guard adds to ingest, measured at the database where it lives: ingest transactions (tenant preamble, the
// one INSERT ... statement, COMMIT) in three variants taking turns in short slices, so a busy machine slows them alike:
//
//   before   the statement and preamble as they were before the guard (no counter CTEs, no reservation column, no lock)
//   plain    TracesRepository.insertGroups today, for an org without policies
//   guarded  TracesRepository.insertGroups today, for an org with an org policy and 40 agent policies (two counters a trace)
//
//   npm run build && node tools/bench/guard-ingest-overhead.mjs
//   env: DATABASE_URL (default: a fresh embedded PostgreSQL), ROUNDS (12), SLICE_MS (1000), CLIENTS (4), BATCH (1,100)
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { INSERT_TRACES_WITH_ROLLUP } = require('../../services/gateway/dist/src/modules/traces/traces.sql.js');
const { TracesRepository } = require('../../services/gateway/dist/src/modules/traces/traces.repository.js');
const { GUARD_COUNTING_CTES } = require('../../services/gateway/dist/src/modules/guard/guard-ingest.sql.js');
const { tenantPreamble } = require('../../services/gateway/dist/src/db/tenant.js');
const { prepareDatabase } = require('../../services/gateway/dist/src/setup/prepare-database.js');
const { spawnDevPostgres, findFreePort } = require('../dev-postgres/dist/src/index.js');
const pg = require('../../services/gateway/node_modules/pg');
const { STORED_AND_COUNTED_SQL } = require('./dist/src/guard-state.js');

const rounds = Number(process.env.ROUNDS ?? 12);
const sliceMs = Number(process.env.SLICE_MS ?? 1000);
const clients = Number(process.env.CLIENTS ?? 4);
const batches = (process.env.BATCH ?? '1,100').split(',').map(Number);
const AGENTS = 40;

// The statement before the guard, derived from today's by taking the guard's parts out again.
const BEFORE = INSERT_TRACES_WITH_ROLLUP.replace(`, ${GUARD_COUNTING_CTES.trim()}`, '')
  .replace('metadata, reservation_id)', 'metadata)')
  .replace(', $24::uuid[]) AS u', ') AS u')
  .replace('pricing_source, reservation_id\n', 'pricing_source\n');
if (/guard_|reservation_id|\$24/.test(BEFORE)) throw new Error('could not derive the statement before the guard');

function record(i, now) {
  return {
    id: randomUUID(), agentId: `agt_${i % AGENTS}`, modelId: 'claude-sonnet-4-6', input: 'in', output: 'out', inputTokens: 0, outputTokens: 0,
    cacheReadTokens: 0, cacheWriteTokens: 0, unsplitTokens: 1840, totalTokens: 1840, costUsd: '0.01104', pricingSource: 'catalog',
    pricingVersion: 'catalog:bench', costCenter: ['finance', 'support', null][i % 3], project: 'q2', team: 'data', occurredAt: now,
    receivedAt: now, idempotencyKey: null, requestHash: null, metadataJson: null, reservationId: null,
  };
}

/** The pre-guard transaction: its preamble, its statement (the columns without reservation_id), COMMIT. */
async function insertBefore(client, orgId, records) {
  const col = (pick) => records.map(pick);
  const iso = (date) => date.toISOString();
  await client.query(`BEGIN; ${tenantPreamble(orgId)}`);
  await client.query({
    name: 'ingest-before',
    text: BEFORE,
    values: [
      orgId, col((r) => r.id), col((r) => r.agentId), col((r) => r.modelId), col((r) => r.input), col((r) => r.output),
      col((r) => r.inputTokens), col((r) => r.outputTokens), col((r) => r.cacheReadTokens), col((r) => r.cacheWriteTokens),
      col((r) => r.unsplitTokens), col((r) => r.totalTokens), col((r) => r.costUsd), col((r) => r.pricingSource),
      col((r) => r.pricingVersion), col((r) => r.costCenter), col((r) => r.project), col((r) => r.team), col((r) => iso(r.occurredAt)),
      col((r) => iso(r.receivedAt)), col((r) => r.idempotencyKey), col((r) => r.requestHash), col((r) => r.metadataJson),
    ],
  });
  await client.query('COMMIT');
}

/** Transactions of `batch` traces from CLIENTS connections until `untilMs`; how many committed. */
async function ingestFor(pool, variant, orgId, batch, untilMs) {
  let transactions = 0;
  const repository = new TracesRepository(pool);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < untilMs) {
        const now = new Date();
        const records = Array.from({ length: batch }, (_, i) => record(i, now));
        if (variant === 'before') {
          const client = await pool.connect();
          try {
            await insertBefore(client, orgId, records);
          } finally {
            client.release();
          }
        } else {
          await repository.insertGroups([{ orgId, records }]);
        }
        transactions += 1;
      }
    }),
  );
  return transactions;
}

async function seedOrgs(pool) {
  const plainOrg = randomUUID();
  const guardedOrg = randomUUID();
  await pool.query(`INSERT INTO orgs (id, name) VALUES ($1, 'bench-plain'), ($2, 'bench-guarded')`, [plainOrg, guardedOrg]);
  await pool.query(
    `WITH policies AS (
       INSERT INTO guard_policies (org_id, id, scope, agent_id, limit_usd, period_type, fail_mode)
       SELECT $1, gen_random_uuid(), CASE WHEN a < 0 THEN 'org' ELSE 'agent' END::guard_scope, CASE WHEN a < 0 THEN '' ELSE 'agt_' || a END,
              1000000000, CASE WHEN a < 0 THEN 'monthly' ELSE 'daily' END::guard_period_type, 'closed'
       FROM generate_series(-1, ${AGENTS - 1}) a
       RETURNING id, agent_id, period_type)
     INSERT INTO guard_counters (org_id, policy_id, period_start, period_end, agent_id, spent_usd, reserved_usd)
     SELECT $1, id, date_trunc(CASE WHEN period_type = 'daily' THEN 'day' ELSE 'month' END, now(), 'UTC'),
            date_trunc(CASE WHEN period_type = 'daily' THEN 'day' ELSE 'month' END, now(), 'UTC')
              + CASE WHEN period_type = 'daily' THEN interval '1 day' ELSE interval '1 month' END, agent_id, 0, 0
     FROM policies`,
    [guardedOrg],
  );
  return { plainOrg, guardedOrg };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  let database;
  let dataDir;
  if (!process.env.DATABASE_URL) {
    dataDir = await mkdtemp(join(tmpdir(), 'finops-guard-ingest-'));
    database = await spawnDevPostgres({ dataDir, port: await findFreePort(), database: 'finops' });
  }
  const databaseUrl = process.env.DATABASE_URL ?? database.url;
  await prepareDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  // The embedded server stops right after the pool; a connection it closes first is not an error of the measurement.
  pool.on('error', () => undefined);
  try {
    const { plainOrg, guardedOrg } = await seedOrgs(pool);
    const orgOf = { before: plainOrg, plain: plainOrg, guarded: guardedOrg };
    for (const batch of batches) {
      const rates = { before: [], plain: [], guarded: [] };
      for (let round = 0; round < rounds; round += 1) {
        for (const name of Object.keys(orgOf)) {
          const count = await ingestFor(pool, name, orgOf[name], batch, performance.now() + sliceMs);
          rates[name].push((count * batch * 1000) / sliceMs);
        }
      }
      const before = median(rates.before);
      console.log(`batch of ${batch}: traces/s (median of ${rounds} slices of ${sliceMs} ms, ${clients} clients)`);
      for (const name of Object.keys(orgOf)) {
        console.log(`  ${name.padEnd(8)} ${Math.round(median(rates[name])).toString().padStart(7)}  (${((median(rates[name]) / before) * 100).toFixed(0)}% of before)`);
      }
    }
    const { rows } = await pool.query(STORED_AND_COUNTED_SQL, [guardedOrg]);
    console.log(`guarded org: stored ${rows[0].stored} USD, counted on its org policy ${rows[0].counted} USD`);
  } finally {
    await pool.end();
    await database?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
