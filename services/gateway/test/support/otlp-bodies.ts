import { randomBytes } from 'node:crypto';
import { ExportTraceServiceRequest, ExportTraceServiceResponse, type ProtoExportTraceServiceResponse } from '../../src/modules/otlp/otlp-proto';

/** An OTLP JSON attribute value (the JSON mapping: int64 as a decimal string). */
export type JsonAnyValue = { stringValue: string } | { intValue: string | number | { low: number; high: number } } | { doubleValue: number } | { boolValue: boolean } | { arrayValue: { values: JsonAnyValue[] } };

export interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string | { low: number; high: number };
  endTimeUnixNano?: string;
  kind?: number;
  attributes: { key: string; value: JsonAnyValue }[];
}

export const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
export const int = (key: string, value: number | string) => ({ key, value: { intValue: typeof value === 'number' ? String(value) : value } });

/** An ExportTraceServiceRequest in the OTLP JSON encoding (hex ids, enums as ints, int64 as strings). */
export function jsonExport(spans: JsonSpan[], resource: { key: string; value: JsonAnyValue }[] = [str('service.name', 'raw-agent')]) {
  return { resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ scope: { name: 'raw-test' }, spans }] }] };
}

/** The same request in protobuf, encoded with the generated OpenTelemetry messages. */
export function protobufExport(json: ReturnType<typeof jsonExport>): Buffer {
  const withBytes = structuredClone(json);
  for (const span of withBytes.resourceSpans[0]!.scopeSpans[0]!.spans) {
    const ids = span as unknown as Record<string, unknown>;
    for (const field of ['traceId', 'spanId', 'parentSpanId']) if (typeof ids[field] === 'string') ids[field] = Buffer.from(ids[field] as string, 'hex');
  }
  return Buffer.from(ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(withBytes)).finish());
}

export function decodeProtobufResponse(body: Buffer): { partialSuccess?: { rejectedSpans: string; errorMessage: string } } {
  return ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(body) as ProtoExportTraceServiceResponse, { longs: String }) as never;
}

/** A fresh random trace id and span id (hex), so tests never share idempotency keys. */
export function freshIds(): { traceId: string; spanId: string } {
  return { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
}
