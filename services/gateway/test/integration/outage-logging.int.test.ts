import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createOrg, docsExampleTrace } from '../support/factories';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestGateway, testDatabaseUrl } from '../support/test-gateway';

/** Every JSON line the gateway logs, kept in memory. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('logging a database outage during ingest', () => {
  test('when a trace cannot be stored because the database is gone, then that request logs one error line, with its id and the cause', async () => {
    const { proxy, url } = await TcpProxy.start(testDatabaseUrl());
    const { logger, lines } = capturedLogger();
    const gateway = createTestGateway({}, { databaseUrl: url, logger });
    try {
      const org = await createOrg(gateway.app);
      await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace()).expect(201);
      await gateway.gateway.drain();
      await proxy.refuse();
      lines.length = 0;

      const down = await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).set('X-Request-Id', 'outage-1').send(docsExampleTrace());

      expect(down.status).toBe(503);
      const errors = lines.filter((line) => (line.level as number) >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ req: { id: 'outage-1' }, res: { statusCode: 503 } });
      expect(JSON.stringify(errors[0]!.err)).toMatch(/caused by|cause/i);
    } finally {
      await proxy.restore();
      await gateway.close();
      await proxy.stop();
    }
  });
});
