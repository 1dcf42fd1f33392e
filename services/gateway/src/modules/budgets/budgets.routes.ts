import {
  BudgetAlertEventListSchema,
  BudgetAlertEventsQuerySchema,
  BudgetListSchema,
  BudgetSchema,
  BudgetStatusListSchema,
  CreateBudgetSchema,
  IdParamsSchema,
  UpdateBudgetSchema,
} from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { budgetsHandlers } from './budgets.handlers';
import type { BudgetsService } from './budgets.service';

export function budgetsRoutes(service: BudgetsService, forecastAlertProbability: number): Endpoint[] {
  const handlers = budgetsHandlers(service, forecastAlertProbability);
  const common = { tag: 'Budgets' } as const;
  const notFound = { 404: problemResponse('No such budget in this org') };
  return [
    endpoint({
      ...common,
      access: 'manage',
      method: 'post',
      path: '/cost/budgets',
      summary: 'Create a budget cap',
      description:
        'Calendar periods in the cap’s time zone (UTC by default); weeks start on Monday. One cap per dimension, value and ' +
        'period type: a second one is 409 (change the first with PATCH).',
      request: { body: CreateBudgetSchema },
      responses: {
        201: { description: 'Created', ...jsonContent(BudgetSchema) },
        409: problemResponse('The org already has a cap for this dimension, value and period type'),
      },
      handler: handlers.create,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/budgets',
      summary: 'List the org’s budget caps',
      responses: { 200: { description: 'Caps', ...jsonContent(BudgetListSchema) } },
      handler: handlers.list,
    }),
    // Before /{id}, which would otherwise read "status" and "events" as ids.
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/budgets/status',
      summary: 'Spend against every cap in its current period, with the alert state',
      description:
        'Spend equals the report figure for the same period and filter. Reading the status also records any state ' +
        'change it reveals (an event, and webhooks).',
      responses: { 200: { description: 'Status per cap', ...jsonContent(BudgetStatusListSchema) } },
      handler: handlers.status,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/budgets/events',
      summary: 'Alert state changes, newest first',
      request: { query: BudgetAlertEventsQuerySchema },
      responses: { 200: { description: 'Events', ...jsonContent(BudgetAlertEventListSchema) } },
      handler: handlers.events,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/budgets/{id}',
      summary: 'One budget cap',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The cap', ...jsonContent(BudgetSchema) }, ...notFound },
      handler: handlers.get,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'patch',
      path: '/cost/budgets/{id}',
      summary: 'Change a cap’s limit, thresholds, time zone or name; the status reflects it at once',
      request: { params: IdParamsSchema, body: UpdateBudgetSchema },
      responses: { 200: { description: 'The changed cap', ...jsonContent(BudgetSchema) }, ...notFound },
      handler: handlers.update,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'delete',
      path: '/cost/budgets/{id}',
      summary: 'Delete a cap (its events are kept)',
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Deleted' }, ...notFound },
      handler: handlers.remove,
    }),
  ];
}
