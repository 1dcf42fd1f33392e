import type { PricingSource } from '@finops/contracts';
import type { DbClient, DbPool } from '../../db/pool';
import { plainArray, textArray } from '../../db/pg-array';
import { inTenantTransaction } from '../../db/tenant';
import type { StoredTraceResult, TraceRecord } from './trace-record';
import { insertTracesStatement, SELECT_BY_IDEMPOTENCY_KEYS, SET_TENANT_ORG, TRACES_TRANSACTION } from './traces.sql';

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

function columnArrays(records: TraceRecord[]): string[] {
  const plain = (pick: (record: TraceRecord) => string | number | null) => plainArray(records.map(pick));
  const text = (pick: (record: TraceRecord) => string | null) => textArray(records.map(pick));
  return [
    plain((r) => r.id),
    text((r) => r.agentId),
    text((r) => r.modelId),
    text((r) => r.input),
    text((r) => r.output),
    plain((r) => r.inputTokens),
    plain((r) => r.outputTokens),
    plain((r) => r.cacheReadTokens),
    plain((r) => r.cacheWriteTokens),
    plain((r) => r.unsplitTokens),
    plain((r) => r.totalTokens),
    plain((r) => r.costUsd),
    plain((r) => r.pricingSource),
    text((r) => r.pricingVersion),
    text((r) => r.costCenter),
    text((r) => r.project),
    text((r) => r.team),
    plain((r) => r.occurredAt.toISOString()),
    plain((r) => r.receivedAt.toISOString()),
    text((r) => r.idempotencyKey),
    plain((r) => r.requestHash),
    text((r) => r.metadataJson),
    plain((r) => r.reservationId),
  ];
}

/**
 * The insert statement for the org: the one without the guard's CTEs while the org is believed to have no guard
 * counters (`guardedOrgs`), the counting one otherwise or when the first answers that the org has counters after all
 * (it then inserted nothing, so running the other in the same transaction is safe). Must run inside a tenant
 * transaction scoped to `orgId` that holds the org's spend-counting lock.
 */
async function insertRows(client: DbClient, { orgId, records }: OrgTraces, guardedOrgs: Set<string>): Promise<{ id: string }[]> {
  const values = [orgId, ...columnArrays(records)];
  const idempotencyKeys = records.some((record) => record.idempotencyKey !== null);
  if (!guardedOrgs.has(orgId)) {
    const { rows } = await client.query<{ id: string | null }>({ ...insertTracesStatement(false, idempotencyKeys), values });
    if (rows.every((row) => row.id !== null)) return rows as { id: string }[];
    guardedOrgs.add(orgId);
  }
  const { rows } = await client.query<{ id: string }>({ ...insertTracesStatement(true, idempotencyKeys), values });
  return rows;
}

async function insertForOrg(client: DbClient, group: OrgTraces, guardedOrgs: Set<string>): Promise<InsertOutcome[]> {
  const { orgId, records } = group;
  const rows = await insertRows(client, group, guardedOrgs);
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
  /** Orgs seen with guard counters (they keep them: one per policy and period), whose traces take the counting statement. */
  private readonly guardedOrgs = new Set<string>();

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
      async (client) => {
        const outcomes: InsertOutcome[][] = new Array(groups.length);
        for (const { group, index } of ordered) {
          // The transaction starts scoped to the first org; each further org re-scopes it (and takes its lock).
          if (group.orgId !== firstOrg) await client.query({ name: 'traces-set-org', text: SET_TENANT_ORG, values: [group.orgId] });
          outcomes[index] = await insertForOrg(client, group, this.guardedOrgs);
        }
        return outcomes;
      },
      TRACES_TRANSACTION,
    );
  }

  /** One org's traces in one transaction; `check` may throw to roll everything back (all-or-nothing batches). */
  insertAllOrNothing(group: OrgTraces, check: (outcomes: InsertOutcome[]) => void): Promise<InsertOutcome[]> {
    return inTenantTransaction(
      this.pool,
      group.orgId,
      async (client) => {
        const outcomes = await insertForOrg(client, group, this.guardedOrgs);
        check(outcomes);
        return outcomes;
      },
      TRACES_TRANSACTION,
    );
  }
}
