import { budgetAlertStates } from '@finops/contracts';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { BudgetGauges, CapGauge } from '../modules/budgets/budget-gauges';
import type { WebhookDeliveriesRepository } from '../modules/webhooks/webhook-deliveries.repository';

export interface ScrapeGaugeSources {
  budgets: BudgetGauges;
  deliveries: WebhookDeliveriesRepository;
  logger: Logger;
  /** Adds an `org` label to the per-cap gauges (METRICS_ORG_LABELS). */
  orgLabels: boolean;
}

/**
 * Gauges read from the database when Prometheus scrapes (floats: Prometheus has no decimals; the exact figures stay in
 * the API), so every replica reports the shared truth and nothing is
 * kept in memory. A database that does not answer leaves them out of that scrape (logged) rather than failing it:
 * the request and process metrics matter most exactly then.
 */
export function registerScrapeGauges(registry: Registry, sources: ScrapeGaugeSources): void {
  const registers = [registry];
  const capsOfThisScrape = sharedPerScrape(() => readOrLog(sources.logger, 'budget caps', () => sources.budgets.read()));
  const capLabels = sources.orgLabels ? (['budget_id', 'dimension', 'period_type', 'org'] as const) : (['budget_id', 'dimension', 'period_type'] as const);
  const labelsOf = (cap: CapGauge) => ({ budget_id: cap.budgetId, dimension: cap.dimension, period_type: cap.periodType, ...(sources.orgLabels ? { org: cap.orgId } : {}) });

  new Gauge({
    name: 'finops_budget_caps',
    help: 'Budget caps by alert state',
    labelNames: ['alert_state'],
    registers,
    collect: async function (this: Gauge<'alert_state'>) {
      this.reset();
      const caps = await capsOfThisScrape();
      for (const state of caps ? budgetAlertStates : []) this.set({ alert_state: state }, caps!.filter((cap) => cap.alertState === state).length);
    },
  });
  const perCap = (name: string, help: string, valueOf: (cap: CapGauge) => string) =>
    new Gauge({
      name,
      help,
      labelNames: capLabels,
      registers,
      collect: async function (this: Gauge<(typeof capLabels)[number]>) {
        this.reset();
        for (const cap of (await capsOfThisScrape()) ?? []) this.set(labelsOf(cap), Number(valueOf(cap)));
      },
    });
  perCap('finops_budget_limit_usd', 'Limit of each budget cap, in USD', (cap) => cap.limitUsd);
  perCap('finops_budget_remaining_usd', 'What is left of each budget cap in its current period, in USD (0 past the cap), as budget status reports it', (cap) => cap.remainingUsd);
  new Gauge({
    name: 'finops_webhook_outbox_pending',
    help: 'Webhook deliveries waiting for their first or next attempt',
    registers,
    collect: async function (this: Gauge) {
      this.reset();
      const pending = await readOrLog(sources.logger, 'webhook outbox backlog', () => sources.deliveries.pendingCount());
      if (pending !== undefined) this.set(pending);
    },
  });
}

/**
 * One read for all the gauges of a scrape: the registry collects every metric at once, so the gauges that start
 * while a read is in flight share it, and the next scrape reads again.
 */
function sharedPerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => (inFlight ??= read().finally(() => (inFlight = undefined)));
}

async function readOrLog<T>(logger: Logger, what: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    logger.warn({ err: error }, `metrics scrape could not read the ${what}; left out of this scrape`);
    return undefined;
  }
}
