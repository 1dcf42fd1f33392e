#!/usr/bin/env node
// Seeds one org with a month of spend at a realistic shape and times GET /api/v1/cost/report against it.
//
//   npm run build && DATABASE_URL=postgres://… node tools/bench/report-latency.mjs
//   env: TRACES (10000000), MONTH (2026-10), RUNS (20), KEEP=1 keeps the seeded org,
//        QUERY (groupBy=costCenter; several separated by |, e.g. 'groupBy=costCenter|format=csv|format=focus')
//
// Shape: 40 agents, each tied to one cost center (8), project (12) and team (6), using 2 or 3 models: 100
// combinations active every hour. All days but the last are seeded straight into the hourly and daily rollups with
// generate_series; the last day is seeded as real execution_traces rows and rolled up from them, as ingest would.
// The database must be prepared (npm run db:prepare). The gateway runs in this process on 127.0.0.1.
import { Buffer } from 'node:buffer';
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { createApp } = require('../../services/gateway/dist/src/app.js');
const { createPool } = require('../../services/gateway/dist/src/db/pool.js');
const { createPrisma } = require('../../services/gateway/dist/src/db/prisma.js');
const pino = require('../../services/gateway/node_modules/pino');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const traces = Number(process.env.TRACES ?? 10_000_000);
const month = process.env.MONTH ?? '2026-10';
const runs = Number(process.env.RUNS ?? 20);
const query = process.env.QUERY ?? 'groupBy=costCenter';
const adminToken = 'bench-admin-token-0123456789abcdef0123456789';

const monthStart = `${month}-01T00:00:00Z`;
const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
const lastDayStart = `${lastDay.toISOString().slice(0, 10)}T00:00:00Z`;
const hours = lastDay.getUTCDate() * 24;
const combinations = 100;
const perRow = Math.max(1, Math.floor(traces / (hours * combinations)));

const COMBOS = `
  SELECT 'agent-' || lpad(a::text, 2, '0') AS agent_id, 'cc-' || (a % 8) AS cost_center, 'project-' || (a % 12) AS project,
         'team-' || (a % 6) AS team, (ARRAY['claude-sonnet-4-6', 'gpt-4o', 'gpt-4o-mini'])[m + 1] AS model_id
  FROM generate_series(0, 39) a CROSS JOIN generate_series(0, 2) m WHERE m < 2 + (a % 2)`;
const MEASURES = 'spend_usd, trace_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, unsplit_tokens, unpriced_trace_count, unpriced_tokens';
const KEYS = 'cost_center, project, team, agent_id, model_id';

async function seed(pool, orgId) {
  const run = (sql, values = []) => pool.query(sql, values);
  await run(
    `INSERT INTO cost_rollups_hourly (org_id, hour, ${KEYS}, ${MEASURES})
     SELECT $1, h, c.cost_center, c.project, c.team, c.agent_id, c.model_id, round((random() * 0.02)::numeric * $2, 12), $2,
            $2 * 1200, $2 * 300, $2 * 100, 0, 0, 0, 0
     FROM generate_series($3::timestamptz, $4::timestamptz - interval '1 hour', interval '1 hour') h CROSS JOIN (${COMBOS}) c`,
    [orgId, perRow, monthStart, lastDayStart],
  );
  await run(
    `INSERT INTO execution_traces (org_id, id, agent_id, model_id, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
       unsplit_tokens, total_tokens, cost_usd, pricing_source, cost_center, project, team, occurred_at, received_at)
     SELECT $1, gen_random_uuid(), c.agent_id, c.model_id, 1200, 300, 100, 0, 0, 1600, round((random() * 0.02)::numeric, 12), 'catalog',
            c.cost_center, c.project, c.team, t, t
     FROM (SELECT $2::timestamptz + (i * interval '86400 seconds') / $3 AS t, i FROM generate_series(0, $3 - 1) i) s
     CROSS JOIN LATERAL (SELECT * FROM (${COMBOS}) c OFFSET s.i % ${combinations} LIMIT 1) c`,
    [orgId, lastDayStart, perRow * 24 * combinations],
  );
  const fromTraces = `sum(cost_usd), count(*), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
    sum(unsplit_tokens), 0, 0`;
  await run(
    `INSERT INTO cost_rollups_hourly (org_id, hour, ${KEYS}, ${MEASURES})
     SELECT org_id, date_trunc('hour', occurred_at, 'UTC'), ${KEYS}, ${fromTraces} FROM execution_traces WHERE org_id = $1
     GROUP BY org_id, 2, ${KEYS}`,
    [orgId],
  );
  await run(
    `INSERT INTO cost_rollups_daily (org_id, day, ${KEYS}, pricing_source, ${MEASURES})
     SELECT org_id, date_trunc('day', hour, 'UTC'), ${KEYS}, 'catalog', ${MEASURES.split(', ').map((m) => `sum(${m})`).join(', ')}
     FROM cost_rollups_hourly WHERE org_id = $1 GROUP BY org_id, 2, ${KEYS}`,
    [orgId],
  );
  // Settle the seeding's writes so the timings measure reports, not vacuum or checkpoint work.
  for (const table of ['cost_rollups_hourly', 'cost_rollups_daily', 'execution_traces']) await run(`VACUUM ANALYZE ${table}`);
  await run('CHECKPOINT').catch(() => undefined);
  const { rows } = await run('SELECT sum(trace_count)::bigint AS n, count(*)::int AS rows FROM cost_rollups_daily WHERE org_id = $1', [orgId]);
  return rows[0];
}

function call(port, agent, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const pool = createPool(databaseUrl, 10, 'finops-bench');
  const prisma = createPrisma(pool);
  const settings = { adminToken, bodyLimitBytes: 262_144, batchBodyLimitBytes: 16_777_216, apiKeyCacheTtlMs: 60_000, priceCacheTtlMs: 60_000 };
  const gateway = createApp({ logger: pino({ level: 'silent' }), pool, prisma, settings });
  const server = createServer(gateway.app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let orgId;
  try {
    const created = await call(port, agent, '/api/v1/admin/orgs', { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, JSON.stringify({ name: `bench-${Date.now()}` }));
    const { org, apiKey } = JSON.parse(created.body);
    orgId = org.id;
    const seedStarted = performance.now();
    const seeded = await seed(pool, orgId);
    console.log(`seeded ${seeded.n} traces' worth (${seeded.rows} daily rollup rows, ${perRow} traces per combination-hour) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const auth = { Authorization: `Bearer ${apiKey.key}` };
    for (const each of query.split('|')) {
      const path = `/api/v1/cost/report?${each}&from=${month}-01&to=${lastDay.toISOString().slice(0, 10)}`;
      for (let i = 0; i < 3; i += 1) await call(port, agent, path, auth);
      const timings = [];
      let last;
      for (let i = 0; i < runs; i += 1) {
        const started = performance.now();
        last = await call(port, agent, path, auth);
        timings.push(performance.now() - started);
        if (last.status !== 200) throw new Error(`report answered ${last.status}: ${last.body}`);
      }
      timings.sort((a, b) => a - b);
      const ms = (value) => `${value.toFixed(2)} ms`;
      console.log(`GET ${path}`);
      console.log(`  runs ${runs}: median ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}, p99 ${ms(percentile(timings, 99))}, min ${ms(timings[0])}, max ${ms(timings.at(-1))}; answer ${last.body.length} bytes`);
    }
  } finally {
    if (orgId && process.env.KEEP !== '1') {
      await pool.query('DELETE FROM cost_rollups_hourly WHERE org_id = $1', [orgId]);
      await pool.query('DELETE FROM cost_rollups_daily WHERE org_id = $1', [orgId]);
      await pool.query('DELETE FROM orgs WHERE id = $1', [orgId]);
    }
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
    await gateway.drain();
    await prisma.$disconnect();
    await pool.end();
  }
}

await main();
