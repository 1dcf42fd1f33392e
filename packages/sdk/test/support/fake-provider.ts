import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON answer, or a server-sent event stream (`event` lines where the provider sends them). */
export type ProviderAnswer = { json: unknown } | { sse: { event?: string; data: unknown }[]; done?: boolean };

export interface FakeProvider {
  url: string;
  /** The request bodies the provider received, parsed. */
  received: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * A local HTTP server in a provider's place: the real client library talks to it through its baseURL option and gets
 * answers in the provider's wire format, SSE included.
 */
export async function startFakeProvider(answer: (path: string, body: Record<string, unknown>) => ProviderAnswer): Promise<FakeProvider> {
  const received: Record<string, unknown>[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    received.push(body);
    const reply = answer(req.url ?? '/', body);
    if ('json' in reply) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.json));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    for (const event of reply.sse) res.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${JSON.stringify(event.data)}\n\n`);
    if (reply.done) res.write('data: [DONE]\n\n');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
