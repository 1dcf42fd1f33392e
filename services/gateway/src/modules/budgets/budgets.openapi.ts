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
import { commonProblemResponses, problemResponse, type PathRegistrar } from '../openapi/openapi-registry';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const registerBudgetPaths: PathRegistrar = (registry) => {
  const notFound = { 404: problemResponse('No such budget in this org') };
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cost/budgets',
    summary: 'Create a budget cap',
    description:
      'Calendar periods in the cap’s time zone (UTC by default); weeks start on Monday. One cap per dimension, value and ' +
      'period type: a second one is 409 (change the first with PATCH).',
    tags: ['Budgets'],
    request: { body: json(CreateBudgetSchema) },
    responses: {
      201: { description: 'Created', ...json(BudgetSchema) },
      409: problemResponse('The org already has a cap for this dimension, value and period type'),
      ...commonProblemResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cost/budgets',
    summary: 'List the org’s budget caps',
    tags: ['Budgets'],
    responses: { 200: { description: 'Caps', ...json(BudgetListSchema) }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cost/budgets/status',
    summary: 'Spend against every cap in its current period, with the alert state',
    description:
      'Spend equals the report figure for the same period and filter. Reading the status also records any state ' +
      'change it reveals (an event, and webhooks).',
    tags: ['Budgets'],
    responses: { 200: { description: 'Status per cap', ...json(BudgetStatusListSchema) }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cost/budgets/events',
    summary: 'Alert state changes, newest first',
    tags: ['Budgets'],
    request: { query: BudgetAlertEventsQuerySchema },
    responses: { 200: { description: 'Events', ...json(BudgetAlertEventListSchema) }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cost/budgets/{id}',
    summary: 'One budget cap',
    tags: ['Budgets'],
    request: { params: IdParamsSchema },
    responses: { 200: { description: 'The cap', ...json(BudgetSchema) }, ...notFound, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/cost/budgets/{id}',
    summary: 'Change a cap’s limit, thresholds, time zone or name; the status reflects it at once',
    tags: ['Budgets'],
    request: { params: IdParamsSchema, body: json(UpdateBudgetSchema) },
    responses: { 200: { description: 'The changed cap', ...json(BudgetSchema) }, ...notFound, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/cost/budgets/{id}',
    summary: 'Delete a cap (its events are kept)',
    tags: ['Budgets'],
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Deleted' }, ...notFound, ...commonProblemResponses },
  });
};
