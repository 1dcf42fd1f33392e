import { ExportTraceServiceResponse } from './otlp-proto';
import type { OtlpFormat } from './otlp-decode';
import type { ExportOutcome } from './otlp.service';
import type { ReasonCounts } from './genai-span-mapping';

export const OTLP_CONTENT_TYPES: Record<OtlpFormat, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

const listed = (counts: ReasonCounts) => [...counts].map(([reason, n]) => `${n} × ${reason}`).join('; ');

/** What was skipped and why, for partial_success.error_message; empty when everything was taken as sent. */
export function summaryOf(outcome: ExportOutcome): string {
  const parts: string[] = [];
  if (outcome.rejected.size > 0) parts.push(`rejected: ${listed(outcome.rejected)}`);
  if (outcome.warnings.size > 0) parts.push(`warnings: ${listed(outcome.warnings)}`);
  return parts.join('. ');
}

/**
 * ExportTraceServiceResponse in the request's encoding. partial_success is left unset when nothing was rejected or
 * ignored, as the OTLP spec asks; with warnings only it carries rejected_spans = 0 and the message.
 */
export function encodeExportResponse(outcome: ExportOutcome, format: OtlpFormat): Buffer | string {
  const message = summaryOf(outcome);
  const response = ExportTraceServiceResponse.create(
    message === '' && outcome.rejectedSpans === 0 ? {} : { partialSuccess: { rejectedSpans: outcome.rejectedSpans, errorMessage: message } },
  );
  if (format === 'protobuf') return Buffer.from(ExportTraceServiceResponse.encode(response).finish());
  return JSON.stringify(ExportTraceServiceResponse.toObject(response, { longs: String }));
}
