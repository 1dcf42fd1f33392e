import type { SpendDimension } from './dimensions';
import { limits } from './limits';
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

/** What an org's span or resource attributes may fill through a mapping: the tags, and the agent. */
export const otlpMappedDimensions = ['costCenter', 'project', 'team', 'agentId'] as const satisfies readonly SpendDimension[];
export type OtlpMappedDimension = (typeof otlpMappedDimensions)[number];

export const OtlpAttributeMappingSchema = z
  .strictObject({
    attribute: z
      .string()
      .min(1)
      .max(limits.otlpAttributeKeyMaxLength)
      .refine((key) => key.trim() === key, 'must not start or end with white space')
      .openapi({ description: 'An attribute key exactly as the spans or their resource carry it', example: 'service.name' }),
    dimension: z.enum(otlpMappedDimensions),
  })
  .openapi('OtlpAttributeMapping');
export type OtlpAttributeMapping = z.infer<typeof OtlpAttributeMappingSchema>;

export const OtlpAttributeMappingsSchema = z
  .strictObject({
    mappings: z
      .array(OtlpAttributeMappingSchema)
      .max(otlpMappedDimensions.length)
      .refine((mappings) => new Set(mappings.map((mapping) => mapping.dimension)).size === mappings.length, 'must not map a dimension twice')
      .openapi({ example: [{ attribute: 'service.name', dimension: 'project' }, { attribute: 'deployment.environment', dimension: 'costCenter' }] }),
  })
  .openapi('OtlpAttributeMappings', {
    description:
      'Which attribute fills each dimension of the traces OTLP spans become: looked up on the span, its ancestors in the export, ' +
      'then its resource. A documented attribute (finops.cost_center, finops.project, finops.team; gen_ai.agent.id or ' +
      'gen_ai.agent.name for the agent) wins over a mapping.',
  });
export type OtlpAttributeMappings = z.infer<typeof OtlpAttributeMappingsSchema>;
