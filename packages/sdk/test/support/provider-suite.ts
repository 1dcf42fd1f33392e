import type { FinOpsClient } from '../../src';
import { startFakeProvider, type FakeProvider, type ProviderAnswer } from './fake-provider';
import { startGateway, type GatewayUnderTest } from './gateway';
import { meteredOrg } from './metered-org';
import type { RecordingProxy } from './recording-proxy';

/**
 * Registers the hooks of a wrapper suite: one gateway (on the clock from `asOf`) and one fake provider for the file,
 * every org's client and proxy closed after its test. Read `.gateway` and `.provider` inside tests.
 */
export function useProviderSuite(asOf: string, answer: (path: string, body: Record<string, unknown>) => ProviderAnswer) {
  const suite = {} as { gateway: GatewayUnderTest; provider: FakeProvider; newOrg: () => ReturnType<typeof meteredOrg> };
  const cleanup = { proxies: [] as RecordingProxy[], clients: [] as FinOpsClient[] };
  suite.newOrg = () => meteredOrg(suite.gateway, cleanup);
  beforeAll(async () => {
    suite.gateway = await startGateway({ asOf });
    suite.provider = await startFakeProvider(answer);
  }, 60_000);
  afterEach(async () => {
    for (const client of cleanup.clients.splice(0)) await client.shutdown({ timeoutMs: 100 });
    for (const proxy of cleanup.proxies.splice(0)) await proxy.close();
  });
  afterAll(async () => {
    await suite.provider?.close();
    await suite.gateway?.stop();
  });
  return suite;
}
