import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from '../../../../services/gateway/test/support/test-gateway';
import { runDemo } from '../../src/demo';

describe('npm run demo', () => {
  let gateway: TestGateway;
  let server: Server;
  let gatewayUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    gateway = createTestGateway();
    server = gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'finops-demo-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await gateway.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test(
    'when run twice, then the first run creates the org "demo" and keeps its key (0600), and the second fills the same org without duplicating',
    async () => {
      const log: string[] = [];
      const first = await runDemo({ gatewayUrl, adminToken: TEST_ADMIN_TOKEN, dataDir, log: (line) => log.push(line), now: gateway.now() });
      const keyFile = join(dataDir, 'demo-api-key');
      const key = (await readFile(keyFile, 'utf8')).trim();
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect(first).toContain(`${gatewayUrl}/dashboard/`);
      expect(first).toContain(key);
      expect(first).toMatch(/Engineering AI spend \$\d+\.\d{2}/);

      const second = await runDemo({ gatewayUrl, adminToken: TEST_ADMIN_TOKEN, dataDir, log: (line) => log.push(line), now: gateway.now() });
      expect((await readFile(keyFile, 'utf8')).trim()).toBe(key);
      expect(second).toMatch(/batches were already stored: nothing duplicated/);
      const budgets = await fetch(`${gatewayUrl}/api/v1/cost/budgets`, { headers: { Authorization: `Bearer ${key}` } });
      expect(((await budgets.json()) as { budgets: unknown[] }).budgets).toHaveLength(4);
    },
    120_000,
  );
});
