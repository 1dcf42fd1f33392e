import type {
  BudgetAlertEventList,
  BudgetAlertEventsQuerySchema,
  BudgetList,
  BudgetStatusList,
  CreateBudgetSchema,
  IdParamsSchema,
  UpdateBudgetSchema,
} from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import { toApiBudget, toApiBudgetAlertEvent, toApiBudgetStatus } from './budget';
import type { BudgetsService } from './budgets.service';

export function budgetsHandlers(service: BudgetsService, forecastAlertProbability: number) {
  const create: ValidatedHandler<{ body: typeof CreateBudgetSchema }> = async (req, res) => {
    const cap = await service.create(principalOf(req).orgId, req.body);
    res.status(201).location(`/api/v1/cost/budgets/${cap.id}`).json(toApiBudget(cap));
  };
  const list: ValidatedHandler<object> = async (req, res) => {
    const caps = await service.list(principalOf(req).orgId);
    res.json({ budgets: caps.map(toApiBudget) } satisfies BudgetList);
  };
  const get: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    res.json(toApiBudget(await service.get(principalOf(req).orgId, req.params.id)));
  };
  const update: ValidatedHandler<{ params: typeof IdParamsSchema; body: typeof UpdateBudgetSchema }> = async (req, res) => {
    res.json(toApiBudget(await service.update(principalOf(req).orgId, req.params.id, req.body)));
  };
  const remove: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    await service.delete(principalOf(req).orgId, req.params.id);
    res.status(204).end();
  };
  const status: ValidatedHandler<object> = async (req, res) => {
    const { asOf, budgets, forecasts } = await service.status(principalOf(req).orgId);
    res.json({
      asOf: asOf.toISOString(),
      budgets: budgets.map((budget) => toApiBudgetStatus(budget, forecasts.get(budget.cap.id), forecastAlertProbability)),
    } satisfies BudgetStatusList);
  };
  const events: ValidatedHandler<{ query: typeof BudgetAlertEventsQuerySchema }> = async (req, res) => {
    const page = await service.events(principalOf(req).orgId, req.query);
    res.json({ events: page.events.map(toApiBudgetAlertEvent), nextCursor: page.nextCursor } satisfies BudgetAlertEventList);
  };
  return { create, list, get, update, remove, status, events };
}
