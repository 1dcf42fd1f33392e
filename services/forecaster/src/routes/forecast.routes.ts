import { ForecastRequestSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router, type RequestHandler } from 'express';
import { forecastHandlers } from './forecast.handlers';

/** `timed` comes first, so a request refused by validation is timed too (outcome invalid). */
export function forecastRoutes(timed: RequestHandler): Router {
  const handlers = forecastHandlers();
  const router = Router();
  router.post('/forecast/cost', timed, validate({ body: ForecastRequestSchema }), handlers.forecastCost);
  return router;
}
