import type { Endpoint } from '../../http/endpoint';
import type { Logger } from 'pino';
import type { DbPool } from '../../db/pool';
import type { Prisma } from '../../db/prisma';
import { SpendRepository } from '../spend/spend.repository';
import { SpendTotals } from '../spend/spend-totals';
import type { ForecastCapsSource } from '../forecast/forecast-scope.resolver';
import type { ForecastService } from '../forecast/forecast.service';
import { BudgetAlertsRepository } from './budget-alerts.repository';
import { BudgetForecasts } from './budget-forecasts';
import { OrgEvaluationQueue } from './budget-evaluation-queue';
import { BudgetEvaluator } from './budget-evaluator';
import { BudgetRolloverSweep } from './budget-rollover-sweep';
import { BudgetsRepository } from './budgets.repository';
import { budgetsRoutes } from './budgets.routes';
import { BudgetsService } from './budgets.service';

export interface BudgetsModuleDeps {
  prisma: Prisma;
  pool: DbPool;
  logger: Logger;
  now: () => Date;
  rolloverSweepIntervalMs: number;
  /** Least time between two ingest-triggered evaluations of one org. */
  evaluationIntervalMs: number;
  /** Called after a transaction queued webhook deliveries (wakes the delivery worker). */
  onDeliveriesQueued: () => void;
  forecasts: ForecastService;
  /** Breach probability from which a monthly cap's status reads `projected_to_exceed`. */
  forecastAlertProbability: number;
}

export interface BudgetsModule {
  routes: Endpoint[];
  /** Caps as the forecast endpoint needs them. */
  forecastCaps: ForecastCapsSource;
  /** For TracesService.onTracesStored: spend arrived for the org, evaluate its caps soon (coalesced, off the request path). */
  spendStored(orgId: string): void;
  start(): void;
  /** Waits for evaluations already asked for. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Budget caps, their alert states and events, wired from the gateway's shared dependencies. */
export function createBudgetsModule(deps: BudgetsModuleDeps): BudgetsModule {
  const alerts = new BudgetAlertsRepository(deps.pool);
  const evaluator = new BudgetEvaluator(alerts, new SpendTotals(new SpendRepository(deps.pool)), deps.now, deps.onDeliveriesQueued);
  const queue = new OrgEvaluationQueue(
    (orgId) => evaluator.evaluate(orgId, 'spend'),
    (orgId, error) => deps.logger.error({ err: error, orgId }, 'budget evaluation failed'),
    { maxConcurrent: 2, minIntervalMs: deps.evaluationIntervalMs },
  );
  const sweep = new BudgetRolloverSweep(alerts, queue, deps.now, deps.rolloverSweepIntervalMs, deps.logger);
  const repository = new BudgetsRepository(deps.prisma);
  const forecastCaps = new BudgetForecasts(repository, deps.forecasts);
  const service = new BudgetsService(repository, evaluator, forecastCaps, deps.now);
  return {
    routes: budgetsRoutes(service, deps.forecastAlertProbability),
    forecastCaps,
    spendStored: (orgId) => queue.request(orgId),
    start: () => sweep.start(),
    drain: () => queue.whenIdle(),
    stop: async () => {
      await sweep.stop();
      await queue.close();
    },
  };
}
