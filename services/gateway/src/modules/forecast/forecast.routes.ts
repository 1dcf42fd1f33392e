import { CostForecastQuerySchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { forecastHandlers } from './forecast.handlers';
import type { ForecastService } from './forecast.service';
import type { ForecastCapsSource } from './forecast-scope.resolver';

export function forecastRoutes(service: ForecastService, caps: ForecastCapsSource, now: () => Date): Router {
  const handlers = forecastHandlers(service, caps, now);
  const router = Router();
  router.get('/cost/forecast', validate({ query: CostForecastQuerySchema }), handlers.forecast);
  return router;
}
