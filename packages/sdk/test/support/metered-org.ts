import type { TraceIngest } from '@finops/contracts';
import { FinOpsClient } from '../../src';
import { createOrg, type GatewayUnderTest } from './gateway';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

/** A fresh org's FinOpsClient whose ingest passes a recording proxy, so a test sees exactly which traces were sent. */
export async function meteredOrg(gateway: GatewayUnderTest, cleanup: { proxies: RecordingProxy[]; clients: FinOpsClient[] }) {
  const apiKey = await createOrg(gateway.url);
  const proxy = await startRecordingProxy(gateway.url);
  const finops = new FinOpsClient({ baseUrl: proxy.url, apiKey, runtime: { now: gateway.now }, batch: { flushIntervalMs: 60_000 } });
  cleanup.proxies.push(proxy);
  cleanup.clients.push(finops);
  const sentTraces = (): TraceIngest[] =>
    proxy.requests.filter((request) => request.path === '/api/v1/traces/ingest/batch').flatMap((request) => (JSON.parse(request.body) as { traces: TraceIngest[] }).traces);
  const sentBodies = () => proxy.requests.map((request) => request.body).join('\n');
  return { apiKey, finops, reader: new FinOpsClient({ baseUrl: gateway.url, apiKey }), sentTraces, sentBodies };
}
