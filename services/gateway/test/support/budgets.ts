import { BudgetAlertEventListSchema, BudgetSchema, BudgetStatusListSchema, type Budget, type BudgetAlertEvent, type BudgetStatus, type TraceIngest } from '@finops/contracts';
import type { Express } from 'express';
import request from 'supertest';
import { docsExampleTrace, type TestOrg } from './factories';

export async function createBudget(app: Express, org: TestOrg, body: object): Promise<Budget> {
  const response = await request(app).post('/api/v1/cost/budgets').set(org.auth).send(body);
  if (response.status !== 201) throw new Error(`could not create budget: ${response.status} ${JSON.stringify(response.body)}`);
  return BudgetSchema.parse(response.body);
}

/** One trace with a known cost (costUsd overrides pricing), backdated to `occurredAt`. */
export async function spend(app: Express, org: TestOrg, costUsd: string | number, occurredAt: string, tags: Partial<TraceIngest> = {}): Promise<void> {
  await request(app)
    .post('/api/v1/traces/ingest')
    .set(org.auth)
    .send(docsExampleTrace({ costUsd: String(costUsd), occurredAt, ...tags }))
    .expect(201);
}

export async function budgetStatus(app: Express, org: TestOrg): Promise<BudgetStatus[]> {
  const response = await request(app).get('/api/v1/cost/budgets/status').set(org.auth).expect(200);
  return BudgetStatusListSchema.parse(response.body).budgets;
}

export async function statusOf(app: Express, org: TestOrg, budgetId: string): Promise<BudgetStatus> {
  const entry = (await budgetStatus(app, org)).find((status) => status.budgetId === budgetId);
  if (!entry) throw new Error(`no status for budget ${budgetId}`);
  return entry;
}

/** The org's alert events, oldest first (the API answers newest first). */
export async function alertEvents(app: Express, org: TestOrg, budgetId?: string): Promise<BudgetAlertEvent[]> {
  const response = await request(app)
    .get('/api/v1/cost/budgets/events')
    .query(budgetId ? { budgetId, limit: 500 } : { limit: 500 })
    .set(org.auth)
    .expect(200);
  return BudgetAlertEventListSchema.parse(response.body).events.reverse();
}

/** The transitions as "from→to" strings, thresholds included ("ok→warning@0.5"). */
export function transitions(events: BudgetAlertEvent[]): string[] {
  const level = (state: string, threshold: number | null) => (threshold === null ? state : `${state}@${threshold}`);
  return events.map((event) => `${level(event.fromState, event.fromThreshold)}→${level(event.toState, event.toThreshold)}`);
}
