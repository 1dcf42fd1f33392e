import { storedColumns } from '@finops/contracts';
import pg from 'pg';
import { testDatabaseUrl } from '../support/test-gateway';

const ROLLUP_COUNTS = ['trace_count', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'unsplit_tokens', 'unpriced_trace_count', 'unpriced_tokens'];

// Numbers the gateway counts itself, never taken from a request. The rollups' token sums are bigint: a row takes over
// 4 * 10^9 traces of the largest total (int4) before it could overflow.
const INTERNAL_NUMBER_COLUMNS = [
  ...['cost_rollups_hourly', 'cost_rollups_daily'].flatMap((table) => ROLLUP_COUNTS.map((column) => `${table}.${column}`)),
  'webhook_deliveries.attempts',
  'webhook_deliveries.last_response_status',
  // Written only by rate-limiter-flexible (request counts and window ends), never from a request's fields.
  'rate_limits.points',
  'rate_limits.expire',
  // The forecaster's robust z-score, never a client's number.
  'spend_anomalies.score',
];

/** The type of every column named in the contracts' storedColumns, as PostgreSQL prints it ("numeric(24,12)[]"). */
async function columnTypes(tableColumns: string[]): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; type: string }>(
      `SELECT c.relname || '.' || a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped AND c.relname || '.' || a.attname = ANY($1)`,
      [tableColumns],
    );
    return new Map(rows.map((row) => [row.name, row.type]));
  } finally {
    await client.end();
  }
}

describe('stored columns', () => {
  test('when the migrations are applied, then every column the validation limits name has exactly the declared type', async () => {
    const declared = Object.values(storedColumns).flatMap((entry) =>
      entry.columns.map((name) => ({ name, type: entry.kind === 'integer' ? 'integer' : `numeric(${entry.precision},${entry.scale})` })),
    );
    const actual = await columnTypes(declared.map((column) => column.name));

    for (const column of declared) expect({ name: column.name, type: actual.get(column.name)?.replace(/\[\]$/, '') }).toEqual(column);
    // int4 is what the integer limit means.
    expect(storedColumns.traceTokens.max).toBe(2 ** 31 - 1);
  });

  test('when a numeric column is added, then it is either declared with its limit or listed as internal', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const { rows } = await client
      .query<{ name: string }>(
        `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
           AND (data_type IN ('integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision')
                OR (data_type = 'ARRAY' AND udt_name IN ('_int4', '_int8', '_numeric')))
         ORDER BY 1`,
      )
      .finally(() => client.end());
    const declared = Object.values(storedColumns).flatMap((entry) => entry.columns);

    expect(rows.map((row) => row.name).sort()).toEqual([...declared, ...INTERNAL_NUMBER_COLUMNS].sort());
  });
});
