import { limits, TraceBatchIngestResultSchema, TraceBatchIngestSchema, TraceIngestResultSchema, TraceIngestSchema, z } from '@finops/contracts';
import { jsonBody } from '@finops/http-kit';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { tracesHandlers } from './traces.handlers';
import type { TracesService } from './traces.service';

const idempotencyHeader = z.object({
  'Idempotency-Key': z.string().max(limits.idempotencyKeyMaxLength).optional().openapi({
    description: 'Same key and same body: the original result is returned and nothing new is stored; same key, different body: 409.',
  }),
});

const ingestProblems = {
  409: problemResponse('Idempotency key already used with a different body'),
  413: problemResponse('Body over the size limit'),
  415: problemResponse('Body is not application/json'),
  503: problemResponse('Database unavailable; nothing was stored, retry'),
};

export function tracesRoutes(service: TracesService, bodyLimits: { bodyLimitBytes: number; batchBodyLimitBytes: number }, now: () => Date): Endpoint[] {
  const handlers = tracesHandlers(service, now);
  const common = { tag: 'Traces' } as const;
  return [
    endpoint({
      ...common,
      access: 'ingest',
      method: 'post',
      path: '/traces/ingest',
      summary: 'Ingest one execution trace with cost attribution',
      description: 'Answered after the trace is committed. Unknown models are stored with cost 0 and pricingSource "unpriced".',
      request: { body: TraceIngestSchema },
      headers: idempotencyHeader,
      responses: { 201: { description: 'Stored (or replayed)', ...jsonContent(TraceIngestResultSchema) }, ...ingestProblems },
      before: [jsonBody(bodyLimits.bodyLimitBytes)],
      handler: handlers.ingest,
    }),
    endpoint({
      ...common,
      access: 'ingest',
      method: 'post',
      path: '/traces/ingest/batch',
      summary: `Ingest up to ${limits.batchMaxTraces} traces, all or nothing`,
      description: 'One invalid item rejects the batch; `invalid_params` names the index and field of every error. With an Idempotency-Key header, item i without its own key uses "<key>#<i>".',
      request: { body: TraceBatchIngestSchema },
      headers: idempotencyHeader,
      responses: { 201: { description: 'Stored', ...jsonContent(TraceBatchIngestResultSchema) }, ...ingestProblems },
      before: [jsonBody(bodyLimits.batchBodyLimitBytes)],
      handler: handlers.ingestBatch,
    }),
  ];
}
