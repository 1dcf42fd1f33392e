import { GuardCheckResultSchema, GuardPolicySchema, type GuardCheckResult, type GuardPolicy } from '@finops/contracts';
import type { Express } from 'express';
import request from 'supertest';
import type { DbPool } from '../../src/db/pool';
import type { TestOrg } from './factories';

export async function createPolicy(app: Express, org: TestOrg, body: object): Promise<GuardPolicy> {
  const response = await request(app).post('/api/v1/guard/policies').set(org.auth).send(body);
  if (response.status !== 201) throw new Error(`could not create guard policy: ${response.status} ${JSON.stringify(response.body)}`);
  return GuardPolicySchema.parse(response.body);
}

/** POST /guard/check; every decision is a 200 whose body follows the contract. */
export async function guardCheck(app: Express, org: TestOrg, body: object): Promise<GuardCheckResult> {
  const response = await request(app).post('/api/v1/guard/check').set(org.auth).send(body);
  if (response.status !== 200) throw new Error(`guard check failed: ${response.status} ${JSON.stringify(response.body)}`);
  return GuardCheckResultSchema.parse(response.body);
}

export interface CounterRow {
  policy_id: string;
  period_start: Date;
  period_end: Date;
  spent_usd: string;
  reserved_usd: string;
}

/**
 * The org's guard counters as stored (owning role, outside RLS), with the deltas ingest left for them and no check
 * folded in yet added: what the next check will see. Amounts as canonical decimals.
 */
export async function countersOf(ownerPool: DbPool, orgId: string): Promise<CounterRow[]> {
  const { rows } = await ownerPool.query<CounterRow>(
    `SELECT c.policy_id, c.period_start, c.period_end,
       trim_scale(c.spent_usd + coalesce(sum(d.spent_usd), 0))::text AS spent_usd,
       trim_scale(c.reserved_usd - coalesce(sum(d.released_usd), 0))::text AS reserved_usd
     FROM guard_counters c
     LEFT JOIN guard_counter_deltas d ON d.org_id = c.org_id AND d.policy_id = c.policy_id AND d.period_start = c.period_start
     WHERE c.org_id = $1
     GROUP BY c.org_id, c.policy_id, c.period_start
     ORDER BY c.period_start, c.policy_id`,
    [orgId],
  );
  return rows;
}

export async function counterOf(ownerPool: DbPool, orgId: string, policyId: string, periodStart?: string): Promise<CounterRow | undefined> {
  const rows = (await countersOf(ownerPool, orgId)).filter((row) => row.policy_id === policyId);
  return periodStart ? rows.find((row) => row.period_start.toISOString() === new Date(periodStart).toISOString()) : rows.at(-1);
}

export interface ReservationRow {
  id: string;
  status: string;
  estimate_usd: string;
  held_usd: string;
  settled_usd: string | null;
  trace_id: string | null;
}

export async function reservationsOf(ownerPool: DbPool, orgId: string): Promise<ReservationRow[]> {
  const { rows } = await ownerPool.query<ReservationRow>(
    `SELECT id, status, trim_scale(estimate_usd)::text AS estimate_usd, trim_scale(held_usd)::text AS held_usd,
       trim_scale(settled_usd)::text AS settled_usd, trace_id
     FROM guard_reservations WHERE org_id = $1 ORDER BY created_at, id`,
    [orgId],
  );
  return rows;
}

export async function reservationOf(ownerPool: DbPool, orgId: string, id: string): Promise<ReservationRow | undefined> {
  return (await reservationsOf(ownerPool, orgId)).find((row) => row.id === id);
}
