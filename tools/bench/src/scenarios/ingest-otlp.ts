import { runRepeated } from '../load';
import { otlpExportBodies, SPANS_PER_EXPORT, TRACES_PER_EXPORT } from '../otlp-bodies';
import { createBenchOrg } from '../stack';
import { batchIngestLoad } from './ingest-batch';
import type { Scenario } from './scenario';

/** As many exports in flight as the batch scenario has batches: the two differ in the protocol, not the load. */
const CONNECTIONS = 4;

/**
 * Scenario 9: OTLP/HTTP protobuf exports of 512 spans (the BatchSpanProcessor's default batch) with fresh span ids
 * every request, next to JSON batch ingest measured in the same run; both count stored traces (inference spans).
 */
export const ingestOtlp: Scenario = async (stack, plan, log) => {
  log('scenario 9: POST /api/v1/traces/ingest/batch (the comparison)');
  const batch = await batchIngestLoad(stack, plan, await createBenchOrg(stack, 'bench-otlp-batch'));

  const org = await createBenchOrg(stack, 'bench-otlp');
  const body = otlpExportBodies();
  log(`scenario 9: POST /v1/traces, ${SPANS_PER_EXPORT} spans (${TRACES_PER_EXPORT} inference) of ${Math.round(Buffer.byteLength(body.protobufBase64, 'base64') / 1024)} KiB protobuf`);
  const otlp = await runRepeated(
    {
      url: `${stack.gatewayUrl}/v1/traces`,
      connections: CONNECTIONS,
      headers: { authorization: `Bearer ${org.apiKey}` },
      contentType: 'application/x-protobuf',
      bodies: [body.protobufBase64],
      base64: true,
      freshBytes: body.traceIdPlaceholder,
    },
    plan,
  );
  const { rows } = await stack.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM execution_traces WHERE org_id = $1', [org.orgId]);
  const tracesPerSecond = otlp.medianRps * TRACES_PER_EXPORT;
  const ratio = tracesPerSecond / batch.tracesPerSecond;
  return [
    {
      scenario: '9 OTLP ingest (512-span protobuf exports)',
      metric: 'throughput',
      value: tracesPerSecond,
      unit: 'traces/s',
      limit: { label: 'JSON batch ingest, same run', value: batch.tracesPerSecond },
      ratio,
      goal: '>= 50% of batch',
      met: ratio >= 0.5,
      details: {
        spansPerSecond: otlp.medianRps * SPANS_PER_EXPORT,
        exportsPerSecond: otlp.medianRps,
        stored: Number(rows[0]!.n),
        acknowledged: otlp.total2xx * TRACES_PER_EXPORT,
        refused: otlp.totalNon2xx,
        p50Ms: otlp.medianP50Ms,
        p99Ms: otlp.medianP99Ms,
        runs: otlp.runs,
        batchRuns: batch.runs,
      },
    },
  ];
};
