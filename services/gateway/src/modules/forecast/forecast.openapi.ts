import { CostForecastQuerySchema, CostForecastSchema } from '@finops/contracts';
import { commonProblemResponses, problemResponse, type PathRegistrar } from '../openapi/openapi-registry';

export const registerForecastPaths: PathRegistrar = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cost/forecast',
    summary: 'Projected period-end spend, its interval and the breach probability of each cap in scope',
    description:
      'Reads the live daily series (90 complete UTC days, zero-filled) at request time and asks the forecaster. ' +
      'Default scope: the org’s whole spend this UTC month; `dimension` + `value` narrow it; `budgetId` uses the cap’s ' +
      'own scope and period. When the forecaster cannot answer within 2.5 s (or its circuit is open), the answer is a ' +
      'run-rate projection with `degraded: true` and the reason — never an error.',
    tags: ['Forecast'],
    request: { query: CostForecastQuerySchema },
    responses: {
      200: { description: 'The forecast', content: { 'application/json': { schema: CostForecastSchema } } },
      404: problemResponse('No such budget in this org'),
      ...commonProblemResponses,
    },
  });
};
