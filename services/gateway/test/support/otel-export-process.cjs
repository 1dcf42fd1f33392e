// Exports spans with the official OpenTelemetry JS SDK from a process of its own, as an instrumented application
// would (the SDK's exporters load node:http through dynamic import(), which jest's module sandbox cannot run).
// Input (argv[2], JSON): { url, apiKey, protocol: 'http/protobuf' | 'http/json', compression: 'gzip' | 'none',
// resource, spans: [{ name, attributes, startMs, endMs, parent? (index of an earlier span) }], exports }.
// Output (stdout, JSON): { codes: [the ExportResult code of each export] }; the first export goes through the
// provider's span processor, every further one re-sends the same spans as an exporter's retry would.
const { context, trace } = require('@opentelemetry/api');
const { OTLPTraceExporter: OtlpJsonExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { OTLPTraceExporter: OtlpProtoExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');

async function main() {
  const input = JSON.parse(process.argv[2]);
  const options = { url: input.url, headers: { Authorization: `Bearer ${input.apiKey}` }, compression: input.compression };
  const exporter = input.protocol === 'http/protobuf' ? new OtlpProtoExporter(options) : new OtlpJsonExporter(options);
  const codes = [];
  const recording = {
    export: (spans, done) => exporter.export(spans, (result) => {
      codes.push(result.code);
      done(result);
    }),
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(input.resource),
    spanProcessors: [new BatchSpanProcessor(recording, { maxExportBatchSize: 512 }), new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('finops-otlp-test');
  const started = [];
  for (const span of input.spans) {
    const parent = span.parent === undefined ? context.active() : trace.setSpan(context.active(), started[span.parent]);
    started.push(tracer.startSpan(span.name, { attributes: span.attributes, startTime: new Date(span.startMs) }, parent));
  }
  input.spans.forEach((span, index) => started[index].end(new Date(span.endMs)));
  await provider.forceFlush();
  for (let again = 1; again < input.exports; again += 1) {
    await new Promise((resolve) => recording.export(memory.getFinishedSpans(), resolve));
  }
  await provider.shutdown();
  process.stdout.write(JSON.stringify({ codes }));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
