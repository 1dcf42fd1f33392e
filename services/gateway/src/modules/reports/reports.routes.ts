import { ReportQuerySchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { reportsHandlers } from './reports.handlers';
import type { ReportsService } from './reports.service';

export function reportsRoutes(service: ReportsService): Router {
  const handlers = reportsHandlers(service);
  const router = Router();
  router.get('/cost/report', validate({ query: ReportQuerySchema }), handlers.report);
  return router;
}
