import { limits, type Budget, type BudgetList, type ChargebackReport } from '@finops/contracts';
import { DEMO_BUDGETS, demoBudgetLimitUsd, type DemoBudget } from './demo-budgets';
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
 * idempotency key, so a second run stores only what is new), then the monthly caps, created or re-limited to sit
 * near their limits.
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

async function ensureDemoBudgets(api: ApiClient, now: Date): Promise<DemoLoadSummary['budgets']> {
  const monthStart = `${isoDay(now).slice(0, 8)}01`;
  const existing = ((await (await api.send('GET', '/api/v1/cost/budgets')).json()) as BudgetList).budgets;
  const summary: DemoLoadSummary['budgets'] = [];
  for (const budget of DEMO_BUDGETS) {
    const spentUsd = await monthToDateSpend(api, budget, monthStart, isoDay(now));
    const limitUsd = demoBudgetLimitUsd(spentUsd, budget.targetPercent);
    const match = existing.find((cap: Budget) => cap.dimension === budget.dimension && cap.value === (budget.value ?? null) && cap.periodType === 'monthly');
    if (match) {
      await api.send('PATCH', `/api/v1/cost/budgets/${match.id}`, { limitUsd, warnAt: budget.warnAt, name: budget.name });
    } else {
      const { name, dimension, value, warnAt } = budget;
      await api.send('POST', '/api/v1/cost/budgets', { name, dimension, ...(value ? { value } : {}), limitUsd, periodType: 'monthly', warnAt });
    }
    summary.push({ name: budget.name, limitUsd, created: !match });
  }
  return summary;
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
