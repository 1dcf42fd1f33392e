import { CostForecastQuerySchema, CostForecastSchema } from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { forecastHandlers } from './forecast.handlers';
import type { ForecastService } from './forecast.service';
import type { ForecastCapsSource } from './forecast-scope.resolver';

export function forecastRoutes(service: ForecastService, caps: ForecastCapsSource, now: () => Date): Endpoint[] {
  const handlers = forecastHandlers(service, caps, now);
  return [
    endpoint({
      tag: 'Forecast',
      access: 'read',
      method: 'get',
      path: '/cost/forecast',
      summary: 'Projected period-end spend, its interval and the breach probability of each cap in scope',
      description:
        'Reads the live daily series (90 complete UTC days, zero-filled) at request time and asks the forecaster. ' +
        'Default scope: the org’s whole spend this UTC month; `dimension` + `value` narrow it; `budgetId` uses the cap’s ' +
        'own scope and period. When the forecaster cannot answer within 2.5 s (or its circuit is open), the answer is a ' +
        'run-rate projection with `degraded: true` and the reason — never an error.',
      request: { query: CostForecastQuerySchema },
      responses: {
        200: { description: 'The forecast', ...jsonContent(CostForecastSchema) },
        404: problemResponse('No such budget in this org'),
      },
      handler: handlers.forecast,
    }),
  ];
}
