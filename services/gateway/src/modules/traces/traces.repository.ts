import type { PricingSource } from '@finops/contracts';
import type { DbClient, DbPool } from '../../db/pool';
import { inTenantTransaction } from '../../db/tenant';
import type { StoredTraceResult, TraceRecord } from './trace-record';
import { hasGuardCountersSql } from '../guard/guard-ingest.sql';
import { INSERT_TRACES_UNGUARDED, INSERT_TRACES_WITH_ROLLUP, SELECT_BY_IDEMPOTENCY_KEYS, SET_TENANT_ORG, TRACES_TRANSACTION } from './traces.sql';

export interface OrgTraces {
  orgId: string;
  records: TraceRecord[];
}

/** Per record: inserted now, or the stored trace that already holds its idempotency key. */
export type InsertOutcome = { inserted: true } | { inserted: false; existing: StoredTraceResult };

interface StoredTraceRow {
  id: string;
  idempotency_key: string;
  request_hash: string | null;
  cost_usd: string;
  pricing_source: PricingSource;
  pricing_version: string | null;
  total_tokens: number;
  occurred_at: Date;
  received_at: Date;
}

function fromDbStoredTrace(row: StoredTraceRow): StoredTraceResult {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    costUsd: row.cost_usd,
    pricingSource: row.pricing_source,
    pricingVersion: row.pricing_version,
    totalTokens: row.total_tokens,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
  };
}

function columnArrays(records: TraceRecord[]): unknown[] {
  const column = <T>(pick: (record: TraceRecord) => T): T[] => records.map(pick);
  return [
    column((r) => r.id),
    column((r) => r.agentId),
    column((r) => r.modelId),
    column((r) => r.input),
    column((r) => r.output),
    column((r) => r.inputTokens),
    column((r) => r.outputTokens),
    column((r) => r.cacheReadTokens),
    column((r) => r.cacheWriteTokens),
    column((r) => r.unsplitTokens),
    column((r) => r.totalTokens),
    column((r) => r.costUsd),
    column((r) => r.pricingSource),
    column((r) => r.pricingVersion),
    column((r) => r.costCenter),
    column((r) => r.project),
    column((r) => r.team),
    column((r) => r.occurredAt.toISOString()),
    column((r) => r.receivedAt.toISOString()),
    column((r) => r.idempotencyKey),
    column((r) => r.requestHash),
    column((r) => r.metadataJson),
    column((r) => r.reservationId),
  ];
}

/**
 * Must run inside a tenant transaction already scoped to `orgId`, holding its spend-counting lock. `guarded` false
 * (the org has no guard counters, asked under that lock) skips the guard's part of the statement.
 */
async function insertForOrg(client: DbClient, { orgId, records }: OrgTraces, guarded: boolean): Promise<InsertOutcome[]> {
  const { rows } = await client.query<{ id: string }>({
    name: guarded ? 'traces-insert-with-rollup' : 'traces-insert-unguarded',
    text: guarded ? INSERT_TRACES_WITH_ROLLUP : INSERT_TRACES_UNGUARDED,
    values: [orgId, ...columnArrays(records)],
  });
  const insertedIds = new Set(rows.map((row) => row.id));
  const conflictingKeys = records.filter((r) => !insertedIds.has(r.id) && r.idempotencyKey).map((r) => r.idempotencyKey!);
  const existingByKey = new Map<string, StoredTraceResult>();
  if (conflictingKeys.length > 0) {
    const existing = await client.query<StoredTraceRow>({
      name: 'traces-select-by-keys',
      text: SELECT_BY_IDEMPOTENCY_KEYS,
      values: [orgId, conflictingKeys],
    });
    for (const row of existing.rows) existingByKey.set(row.idempotency_key, fromDbStoredTrace(row));
  }
  return records.map((record) => {
    if (insertedIds.has(record.id)) return { inserted: true };
    const existing = record.idempotencyKey ? existingByKey.get(record.idempotencyKey) : undefined;
    if (!existing) throw new Error(`trace ${record.id} was neither inserted nor found by its idempotency key`);
    return { inserted: false, existing };
  });
}

/** The only SQL user of execution_traces on the write path; plain pg for throughput (see the README). */
export class TracesRepository {
  constructor(private readonly pool: DbPool) {}

  /**
   * Writes several orgs' traces in one transaction (one commit for a whole group of requests). Orgs go in a
   * fixed order so concurrent groups lock rollup rows in the same order.
   */
  async insertGroups(groups: OrgTraces[]): Promise<InsertOutcome[][]> {
    const ordered = groups.map((group, index) => ({ group, index })).sort((a, b) => a.group.orgId.localeCompare(b.group.orgId));
    const firstOrg = ordered[0]?.group.orgId;
    if (!firstOrg) return [];
    return inTenantTransaction(
      this.pool,
      firstOrg,
      async (client, [first]) => {
        const outcomes: InsertOutcome[][] = new Array(groups.length);
        for (const { group, index } of ordered) {
          // The transaction starts scoped to the first org; each further org re-scopes it (and takes its lock). Only
          // the first org is asked for guard counters (in the round trip that opens the transaction); the others take
          // the full statement, which is right for any org.
          if (group.orgId !== firstOrg) await client.query({ name: 'traces-set-org', text: SET_TENANT_ORG, values: [group.orgId] });
          outcomes[index] = await insertForOrg(client, group, group.orgId !== firstOrg || first?.has_guard_counters !== false);
        }
        return outcomes;
      },
      { ...TRACES_TRANSACTION, firstStatement: hasGuardCountersSql(firstOrg) },
    );
  }

  /** One org's traces in one transaction; `check` may throw to roll everything back (all-or-nothing batches). */
  insertAllOrNothing(group: OrgTraces, check: (outcomes: InsertOutcome[]) => void): Promise<InsertOutcome[]> {
    return inTenantTransaction(
      this.pool,
      group.orgId,
      async (client, [first]) => {
        const outcomes = await insertForOrg(client, group, first?.has_guard_counters !== false);
        check(outcomes);
        return outcomes;
      },
      { ...TRACES_TRANSACTION, firstStatement: hasGuardCountersSql(group.orgId) },
    );
  }
}
