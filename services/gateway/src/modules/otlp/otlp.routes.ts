import { rawBody } from '@finops/http-kit';
import { Router, type RequestHandler } from 'express';
import { OTLP_CONTENT_TYPES } from './otlp-response';
import { otlpHandlers } from './otlp.handlers';
import type { OtlpService } from './otlp.service';

/**
 * OTLP/HTTP trace export at the path exporters append to OTEL_EXPORTER_OTLP_ENDPOINT (outside /api/v1 for that
 * reason); `auth` is the API-key check, the ingest scope and the key's ingest budget, as for POST /api/v1/traces.
 */
export function otlpRoutes(service: OtlpService, auth: RequestHandler[], limits: { batchBodyLimitBytes: number }, now: () => Date): Router {
  const handlers = otlpHandlers(service, now);
  const router = Router();
  router.post('/v1/traces', auth, rawBody(limits.batchBodyLimitBytes, Object.values(OTLP_CONTENT_TYPES)), handlers.exportTraces);
  return router;
}
