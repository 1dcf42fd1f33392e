import { BudgetAlertEventsQuerySchema, CreateBudgetSchema, IdParamsSchema, UpdateBudgetSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { budgetsHandlers } from './budgets.handlers';
import type { BudgetsService } from './budgets.service';

export function budgetsRoutes(service: BudgetsService, forecastAlertProbability: number): Router {
  const handlers = budgetsHandlers(service, forecastAlertProbability);
  const router = Router();
  router.post('/cost/budgets', validate({ body: CreateBudgetSchema }), handlers.create);
  router.get('/cost/budgets', handlers.list);
  // Before /:id, which would otherwise read "status" and "events" as ids.
  router.get('/cost/budgets/status', handlers.status);
  router.get('/cost/budgets/events', validate({ query: BudgetAlertEventsQuerySchema }), handlers.events);
  router.get('/cost/budgets/:id', validate({ params: IdParamsSchema }), handlers.get);
  router.patch('/cost/budgets/:id', validate({ params: IdParamsSchema, body: UpdateBudgetSchema }), handlers.update);
  router.delete('/cost/budgets/:id', validate({ params: IdParamsSchema }), handlers.remove);
  return router;
}
