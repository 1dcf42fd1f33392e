import { z } from './zod';

/**
 * The OTLP JSON encoding of ExportTraceServiceRequest, for the API document only: the gateway decodes both encodings
 * with the official message definitions (opentelemetry-proto), which are the reference for every field.
 */
export const OtlpExportTraceServiceRequestSchema = z
  .object({
    resourceSpans: z.array(z.looseObject({})).openapi({
      description: 'Resources, their scopes and spans as in opentelemetry-proto `trace/v1/trace.proto` (ids in hex, int64 as strings or numbers)',
    }),
  })
  .openapi('OtlpExportTraceServiceRequest', { externalDocs: { url: 'https://opentelemetry.io/docs/specs/otlp/#otlphttp-request' } });

/** ExportTraceServiceResponse in the OTLP JSON encoding; empty when every span was taken as sent. */
export const OtlpExportTraceServiceResponseSchema = z
  .object({
    partialSuccess: z
      .object({
        rejectedSpans: z.string().regex(/^\d+$/).openapi({ description: 'Spans not stored (an int64, so a decimal string)', example: '2' }),
        errorMessage: z.string().openapi({
          description: 'Why, counted by reason; with rejectedSpans "0" it lists warnings only (attributes that could not be used)',
          example: 'rejected: 2 × inference span without gen_ai.response.model or gen_ai.request.model',
        }),
      })
      .optional(),
  })
  .openapi('OtlpExportTraceServiceResponse', { externalDocs: { url: 'https://opentelemetry.io/docs/specs/otlp/#partial-success-1' } });
export type OtlpExportTraceServiceResponse = z.infer<typeof OtlpExportTraceServiceResponseSchema>;
