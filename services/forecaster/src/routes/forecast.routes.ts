import { ForecastRequestSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { forecastHandlers } from './forecast.handlers';

export function forecastRoutes(): Router {
  const handlers = forecastHandlers();
  const router = Router();
  router.post('/forecast/cost', validate({ body: ForecastRequestSchema }), handlers.forecastCost);
  return router;
}
