import { HttpProblem } from '@finops/http-kit';
import { ExportTraceServiceRequest, type ProtoExportTraceServiceRequest } from './otlp-proto';

export type OtlpFormat = 'protobuf' | 'json';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'] as const;

function undecodable(format: OtlpFormat, reason: string): HttpProblem {
  return new HttpProblem('validation', `The body is not an OTLP ExportTraceServiceRequest in ${format === 'json' ? 'JSON' : 'protobuf'}: ${reason}`, [
    { name: 'body', reason, in: 'body' },
  ]);
}

/**
 * The OTLP JSON encoding writes ids as hex where the protobuf JSON mapping would use base64; they are turned into
 * bytes before the generated fromObject reads the rest. An id that is not hex becomes empty, so only its span is
 * refused (as a span without ids) rather than the whole export.
 */
function hexIdsToBytes(request: unknown): void {
  const resourceSpans = (request as { resourceSpans?: unknown }).resourceSpans;
  if (!Array.isArray(resourceSpans)) return;
  for (const rs of resourceSpans) {
    const scopeSpans = (rs as { scopeSpans?: unknown } | null)?.scopeSpans;
    if (!Array.isArray(scopeSpans)) continue;
    for (const ss of scopeSpans) {
      const spans = (ss as { spans?: unknown } | null)?.spans;
      if (!Array.isArray(spans)) continue;
      for (const span of spans) {
        if (span === null || typeof span !== 'object') continue;
        const record = span as Record<string, unknown>;
        for (const field of ID_FIELDS) {
          const id = record[field];
          if (typeof id === 'string') record[field] = HEX.test(id) ? Buffer.from(id, 'hex') : Buffer.alloc(0);
        }
        // Links carry ids too and are not read; dropping them keeps a malformed link from failing the export.
        delete record.links;
      }
    }
  }
}

/** Decodes an export with the official message definitions; anything that does not decode is a 400 naming why. */
export function decodeExportRequest(body: Buffer, format: OtlpFormat): ProtoExportTraceServiceRequest {
  if (format === 'protobuf') {
    try {
      return ExportTraceServiceRequest.decode(body);
    } catch (error) {
      throw undecodable(format, (error as Error).message);
    }
  }
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(strictUtf8.decode(body));
  } catch (error) {
    throw undecodable(format, (error as Error).message);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw undecodable(format, 'the body must be a JSON object');
  hexIdsToBytes(parsed);
  try {
    return ExportTraceServiceRequest.fromObject(parsed);
  } catch (error) {
    throw undecodable(format, (error as Error).message);
  }
}
