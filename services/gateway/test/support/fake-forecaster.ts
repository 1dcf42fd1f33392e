import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBehaviour = { kind: 'ok'; body: unknown } | { kind: 'status'; status: number } | { kind: 'garbage' } | { kind: 'delay'; ms: number; body: unknown };

/** An HTTP server on a real port whose answers a test sets: what a broken or slow forecaster looks like on the wire. */
export async function startFakeForecaster(initial: FakeBehaviour) {
  let behaviour = initial;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      const current = behaviour;
      if (current.kind === 'status') {
        res.writeHead(current.status, { 'content-type': 'application/json' }).end('{"error":"boom"}');
      } else if (current.kind === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"projectedMonthEndUsd": "lots", ');
      } else if (current.kind === 'delay') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(current.body)), current.ms);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(current.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (next: FakeBehaviour) => (behaviour = next),
    requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on: connections are refused at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
