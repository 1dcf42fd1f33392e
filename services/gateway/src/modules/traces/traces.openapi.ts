import { limits, TraceBatchIngestResultSchema, TraceBatchIngestSchema, TraceIngestResultSchema, TraceIngestSchema, z } from '@finops/contracts';
import { commonProblemResponses, problemResponse, type PathRegistrar } from '../openapi/openapi-registry';

const idempotencyHeader = z.object({
  'Idempotency-Key': z.string().max(limits.idempotencyKeyMaxLength).optional().openapi({
    description: 'Same key and same body: the original result is returned and nothing new is stored; same key, different body: 409.',
  }),
});

export const registerTracePaths: PathRegistrar = (registry) => {
  const ingestProblems = {
    409: problemResponse('Idempotency key already used with a different body'),
    413: problemResponse('Body over the size limit'),
    415: problemResponse('Body is not application/json'),
    503: problemResponse('Database unavailable; nothing was stored, retry'),
    ...commonProblemResponses,
  };
  registry.registerPath({
    method: 'post',
    path: '/api/v1/traces/ingest',
    summary: 'Ingest one execution trace with cost attribution',
    description: 'Answered after the trace is committed. Unknown models are stored with cost 0 and pricingSource "unpriced".',
    tags: ['Traces'],
    request: { headers: idempotencyHeader, body: { content: { 'application/json': { schema: TraceIngestSchema } } } },
    responses: { 201: { description: 'Stored (or replayed)', content: { 'application/json': { schema: TraceIngestResultSchema } } }, ...ingestProblems },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/traces/ingest/batch',
    summary: `Ingest up to ${limits.batchMaxTraces} traces, all or nothing`,
    description: 'One invalid item rejects the batch; `invalid_params` names the index and field of every error. With an Idempotency-Key header, item i without its own key uses "<key>#<i>".',
    tags: ['Traces'],
    request: { headers: idempotencyHeader, body: { content: { 'application/json': { schema: TraceBatchIngestSchema } } } },
    responses: { 201: { description: 'Stored', content: { 'application/json': { schema: TraceBatchIngestResultSchema } } }, ...ingestProblems },
  });
};
