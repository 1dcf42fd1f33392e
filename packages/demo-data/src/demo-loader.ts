import { limits, type Budget, type BudgetList, type BudgetStatus, type BudgetStatusList, type ChargebackReport } from '@finops/contracts';
import { DEMO_BUDGETS, DEMO_PROJECTION_HEADROOM, isMeantToWarn, sizeDemoCap, type DemoBudget, type DemoCapSize } from './demo-budgets';
import { DEMO_DEFAULTS, generateDemoTraces, isoDay } from './demo-dataset';

export interface DemoLoadOptions {
  /** The gateway, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  apiKey: string;
  /** Default: the current time. */
  now?: Date;
  days?: number;
  seed?: string;
  onProgress?: (sentTraces: number, totalTraces: number) => void;
}

export interface DemoLoadSummary {
  traces: number;
  batches: number;
  /** Batches whose every trace was already stored by an earlier run (answered from the idempotency keys). */
  replayedBatches: number;
  budgets: { name: string; limitUsd: string; created: boolean }[];
}

/**
 * Loads the demo through the public API: batch ingest with backfilled `occurredAt` (every trace carries its own
 * idempotency key, so a second run stores only what is new), then the monthly caps, created or re-limited so that one
 * is in `warning` and the others `ok`.
 */
export async function loadDemoData(options: DemoLoadOptions): Promise<DemoLoadSummary> {
  const api = apiClient(options.baseUrl, options.apiKey);
  const now = options.now ?? new Date();
  const traces = generateDemoTraces({ now, days: options.days ?? DEMO_DEFAULTS.days, seed: options.seed ?? DEMO_DEFAULTS.seed });

  let batches = 0;
  let replayedBatches = 0;
  for (let start = 0; start < traces.length; start += limits.batchMaxTraces) {
    const batch = traces.slice(start, start + limits.batchMaxTraces);
    const response = await api.send('POST', '/api/v1/traces/ingest/batch', { traces: batch });
    batches += 1;
    if (response.headers.get('idempotent-replayed') === 'true') replayedBatches += 1;
    options.onProgress?.(start + batch.length, traces.length);
  }

  const budgets = await ensureDemoBudgets(api, now);
  return { traces: traces.length, batches, replayedBatches, budgets };
}

/** Attempts at sizing the caps against the forecast before the loader gives up and says which cap it could not place. */
const MAX_SIZING_ROUNDS = 4;

/**
 * Creates the demo caps (or re-limits them), sized from month-to-date spend, then re-sizes them from the status's
 * projections until none reads `projected_to_exceed` and the one meant to warn is in `warning`, whatever the day of
 * the month.
 */
async function ensureDemoBudgets(api: ApiClient, now: Date): Promise<DemoLoadSummary['budgets']> {
  const monthStart = `${isoDay(now).slice(0, 8)}01`;
  const existing = ((await (await api.send('GET', '/api/v1/cost/budgets')).json()) as BudgetList).budgets;
  const caps: { budget: DemoBudget; id: string; created: boolean; size: DemoCapSize }[] = [];
  for (const budget of DEMO_BUDGETS) {
    const spentUsd = await monthToDateSpend(api, budget, monthStart, isoDay(now));
    const size = sizeDemoCap(budget, spentUsd, null, DEMO_PROJECTION_HEADROOM);
    const match = existing.find((cap: Budget) => cap.dimension === budget.dimension && cap.value === (budget.value ?? null) && cap.periodType === 'monthly');
    const id = match ? match.id : await createCap(api, budget, size);
    if (match) await patchCap(api, id, budget, size);
    caps.push({ budget, id, created: !match, size });
  }

  let headroom = DEMO_PROJECTION_HEADROOM;
  for (let round = 0; ; round++) {
    const status = ((await (await api.send('GET', '/api/v1/cost/budgets/status')).json()) as BudgetStatusList).budgets;
    const misplaced = caps.filter((cap) => !inIntendedState(cap.budget, status.find((entry) => entry.budgetId === cap.id)));
    if (misplaced.length === 0) break;
    if (round === MAX_SIZING_ROUNDS) {
      throw new Error(`could not size the demo caps ${misplaced.map((cap) => `"${cap.budget.name}"`).join(', ')} into their intended states`);
    }
    for (const cap of misplaced) {
      const entry = status.find((candidate) => candidate.budgetId === cap.id)!;
      cap.size = sizeDemoCap(cap.budget, entry.spentUsd, entry.projectedUsd, headroom);
      await patchCap(api, cap.id, cap.budget, cap.size);
    }
    headroom *= DEMO_PROJECTION_HEADROOM;
  }
  return caps.map((cap) => ({ name: cap.budget.name, limitUsd: cap.size.limitUsd, created: cap.created }));
}

function inIntendedState(budget: DemoBudget, status: BudgetStatus | undefined): boolean {
  if (!status) return false;
  return status.alertState === (isMeantToWarn(budget) ? 'warning' : 'ok');
}

async function createCap(api: ApiClient, budget: DemoBudget, size: DemoCapSize): Promise<string> {
  const { name, dimension, value } = budget;
  const body = { name, dimension, ...(value ? { value } : {}), limitUsd: size.limitUsd, periodType: 'monthly', warnAt: size.warnAt };
  return ((await (await api.send('POST', '/api/v1/cost/budgets', body)).json()) as Budget).id;
}

async function patchCap(api: ApiClient, id: string, budget: DemoBudget, size: DemoCapSize): Promise<void> {
  await api.send('PATCH', `/api/v1/cost/budgets/${id}`, { limitUsd: size.limitUsd, warnAt: size.warnAt, name: budget.name });
}

/** This month's spend in the cap's scope, read from the report API (the same figure the budget status uses). */
async function monthToDateSpend(api: ApiClient, budget: DemoBudget, from: string, to: string): Promise<string> {
  const filter = budget.dimension === 'org' || !budget.value ? '' : `&${budget.dimension}=${encodeURIComponent(budget.value)}`;
  const report = (await (await api.send('GET', `/api/v1/cost/report?from=${from}&to=${to}${filter}`)).json()) as ChargebackReport;
  return report.totalUsd;
}

interface ApiClient {
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

function apiClient(baseUrl: string, apiKey: string): ApiClient {
  return {
    async send(method, path, body) {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { Authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) {
        const detail = await response.text();
        throw new Error(`${method} ${path} answered ${response.status}: ${detail.slice(0, 500)}`);
      }
      return response;
    },
  };
}
