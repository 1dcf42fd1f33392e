import type { ProtoAnyValue, ProtoExportTraceServiceRequest, ProtoInt, ProtoKeyValue } from './otlp-proto';

/** An attribute value as the mapping reads it: OTLP ints become bigint (they are 64-bit), kvlists and bytes are dropped. */
export type AttributeValue = string | number | bigint | boolean | readonly AttributeValue[] | undefined;
export type Attributes = ReadonlyMap<string, AttributeValue>;

/** One span of an export with what the GenAI mapping needs; ids are lowercase hex as in the OTLP JSON encoding. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** Milliseconds since the epoch; undefined when the exporter sent 0 (unset). */
  startTimeMs: number | undefined;
  attributes: Attributes;
  resource: Attributes;
}

const NANOS_PER_MS = 1_000_000n;

export function protoIntToBigInt(value: ProtoInt): bigint {
  return typeof value === 'number' ? BigInt(Math.trunc(value)) : BigInt(value.toString());
}

function toAttributeValue(value: ProtoAnyValue | null | undefined): AttributeValue {
  if (!value) return undefined;
  if (value.stringValue !== undefined && value.stringValue !== null) return value.stringValue;
  if (value.intValue !== undefined && value.intValue !== null) return protoIntToBigInt(value.intValue);
  if (value.doubleValue !== undefined && value.doubleValue !== null) return value.doubleValue;
  if (value.boolValue !== undefined && value.boolValue !== null) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(toAttributeValue);
  return undefined;
}

function toAttributes(list: ProtoKeyValue[] | null | undefined): Attributes {
  const attributes = new Map<string, AttributeValue>();
  for (const entry of list ?? []) {
    if (entry.key) attributes.set(entry.key, toAttributeValue(entry.value));
  }
  return attributes;
}

const hex = (bytes: Uint8Array | null | undefined): string => (bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex') : '');

/** Flattens a decoded export into its spans, each with its resource's attributes. */
export function spansOf(request: ProtoExportTraceServiceRequest): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = toAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        const startNanos = span.startTimeUnixNano ? protoIntToBigInt(span.startTimeUnixNano) : 0n;
        const parent = hex(span.parentSpanId);
        spans.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: parent === '' ? undefined : parent,
          name: span.name ?? '',
          startTimeMs: startNanos > 0n ? Number(startNanos / NANOS_PER_MS) : undefined,
          attributes: toAttributes(span.attributes),
          resource,
        });
      }
    }
  }
  return spans;
}
