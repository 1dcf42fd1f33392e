import { OtlpExportTraceServiceRequestSchema, OtlpExportTraceServiceResponseSchema, PROBLEM_CONTENT_TYPE, ProblemSchema } from '@finops/contracts';
import { rawBody } from '@finops/http-kit';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { problemResponse } from '../openapi/openapi-registry';
import { OTLP_CONTENT_TYPES } from './otlp-response';
import { otlpHandlers } from './otlp.handlers';
import type { OtlpService } from './otlp.service';

const PROTOBUF_MESSAGE = { type: 'string', format: 'binary' } as const;

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait; OTLP exporters honour it', schema: { type: 'integer', minimum: 1 } },
} as const;

const retryableProblem = (description: string) => ({ description, headers: retryAfter, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } });

/**
 * OTLP/HTTP trace export at the path exporters append to OTEL_EXPORTER_OTLP_ENDPOINT (outside /api/v1 for that
 * reason), with the API-key check, the ingest scope and the key's ingest budget of POST /api/v1/traces/ingest.
 */
export function otlpRoutes(service: OtlpService, limits: { batchBodyLimitBytes: number }, now: () => Date): Endpoint[] {
  const handlers = otlpHandlers(service, now);
  return [
    endpoint({
      tag: 'OpenTelemetry',
      access: 'ingest',
      method: 'post',
      path: '/v1/traces',
      atServerRoot: true,
      summary: 'Ingest an OTLP/HTTP trace export (protobuf or JSON, optionally gzip)',
      description:
        'Point an OpenTelemetry exporter here (`OTEL_EXPORTER_OTLP_ENDPOINT` = the gateway URL, header ' +
        '`Authorization=Bearer <key>`). Each GenAI inference span becomes one trace, priced as in POST /api/v1/traces/ingest; ' +
        'agent, tool and workflow spans are only read for the agent and the tags of the inference spans under them. ' +
        'The span (trace id + span id) is the idempotency key, so exporter retries store nothing twice. ' +
        'The answer is in the encoding of the request; send `Content-Encoding: gzip` for compressed bodies.',
      rawBody: {
        required: true,
        content: {
          [OTLP_CONTENT_TYPES.protobuf]: { schema: PROTOBUF_MESSAGE },
          [OTLP_CONTENT_TYPES.json]: { schema: OtlpExportTraceServiceRequestSchema },
        },
      },
      responses: {
        200: {
          description: 'Stored; `partial_success` counts and explains the spans not stored and the attributes not used',
          content: {
            [OTLP_CONTENT_TYPES.protobuf]: { schema: PROTOBUF_MESSAGE },
            [OTLP_CONTENT_TYPES.json]: { schema: OtlpExportTraceServiceResponseSchema },
          },
        },
        400: problemResponse('The body is not an ExportTraceServiceRequest in the declared encoding, or not gzip as declared (`invalid_params` names `body`)'),
        413: problemResponse(`Body over the size limit (before or after decompression)`),
        415: problemResponse('Body is neither application/x-protobuf nor application/json'),
        429: retryableProblem("The key's ingest budget is spent, or too many spans are being stored at once; nothing was stored"),
        503: retryableProblem('Database unavailable; nothing was stored, retry (the spans are idempotent)'),
      },
      before: [rawBody(limits.batchBodyLimitBytes, Object.values(OTLP_CONTENT_TYPES))],
      handler: handlers.exportTraces,
    }),
  ];
}
