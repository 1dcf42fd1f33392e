import { AnomalyDetectionRequestSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { anomalyHandlers } from './anomalies.handlers';

export function anomalyRoutes(): Router {
  const handlers = anomalyHandlers();
  const router = Router();
  router.post('/anomalies/detect', validate({ body: AnomalyDetectionRequestSchema }), handlers.detectAnomalies);
  return router;
}
