import { TraceBatchIngestSchema, TraceIngestSchema } from '@finops/contracts';
import { jsonBody, validate } from '@finops/http-kit';
import { Router } from 'express';
import { tracesHandlers } from './traces.handlers';
import type { TracesService } from './traces.service';

export function tracesRoutes(service: TracesService, limits: { bodyLimitBytes: number; batchBodyLimitBytes: number }, now: () => Date): Router {
  const handlers = tracesHandlers(service, now);
  const router = Router();
  router.post('/traces/ingest', jsonBody(limits.bodyLimitBytes), validate({ body: TraceIngestSchema }), handlers.ingest);
  router.post('/traces/ingest/batch', jsonBody(limits.batchBodyLimitBytes), validate({ body: TraceBatchIngestSchema }), handlers.ingestBatch);
  return router;
}
