import { AnomalyDetectionRequestSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router, type RequestHandler } from 'express';
import { anomalyHandlers } from './anomalies.handlers';

export function anomalyRoutes(timed: RequestHandler): Router {
  const handlers = anomalyHandlers();
  const router = Router();
  router.post('/anomalies/detect', timed, validate({ body: AnomalyDetectionRequestSchema }), handlers.detectAnomalies);
  return router;
}
