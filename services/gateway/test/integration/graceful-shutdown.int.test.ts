import { fork } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import { createOrg, docsExampleTrace } from '../support/factories';
import { createTestGateway, TEST_ADMIN_TOKEN, testDatabaseUrl } from '../support/test-gateway';
import { tracesOf } from '../support/db-state';

const GATEWAY_ENTRY = join(__dirname, '../../dist/src/main.js');

function post(port: number, agent: Agent, path: string, apiKey: string, body: object): Promise<{ status: number; body: { id?: string } }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Authorization: `Bearer ${apiKey}` } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as { id?: string }) : {} }));
      },
    );
    // A request the server never answered was not acknowledged; the client would retry it.
    req.on('error', () => resolve({ status: 0, body: {} }));
    req.end(payload);
  });
}

describe('gateway shutdown', () => {
  test('when SIGTERM arrives under load, then every acknowledged trace is stored and the process exits cleanly', async () => {
    const setup = createTestGateway();
    const org = await createOrg(setup.app);
    const child = fork(GATEWAY_ENTRY, [], {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: '0', LOG_LEVEL: 'silent', ADMIN_TOKEN: TEST_ADMIN_TOKEN },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const port = await new Promise<number>((resolve) => child.on('message', (message: { port: number }) => resolve(message.port)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const agent = new Agent({ keepAlive: true, maxSockets: 32 });

      const inFlight = Array.from({ length: 400 }, (_, i) => post(port, agent, '/api/v1/traces/ingest', org.apiKey, docsExampleTrace({ tokensUsed: i + 1 })));
      setTimeout(() => child.kill('SIGTERM'), 30);
      const responses = await Promise.all(inFlight);
      const exitCode = await exited;
      agent.destroy();

      const acknowledged = responses.filter((response) => response.status === 201).map((response) => response.body.id);
      const stored = (await tracesOf(setup.ownerPool, org.orgId)).map((trace) => trace.id);
      expect(exitCode).toBe(0);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(responses.every((response) => response.status === 201 || response.status === 0 || response.status === 503)).toBe(true);
      expect(new Set(stored)).toEqual(new Set(acknowledged));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await setup.close();
    }
  });
});
