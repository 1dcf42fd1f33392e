import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
  /** What the client was answered, and the gateway's Retry-After if it sent one. */
  status: number;
  retryAfter: string | null;
  /** Wall-clock milliseconds when it arrived: only differences between requests are meaningful. */
  arrivedAtMs: number;
}

/**
 * What the proxy does with a request: pass it on; pass it on but answer the client 502 as if the answer was lost on
 * the way back (the gateway did store it); or answer itself without the gateway.
 */
export type ProxyPlan = 'forward' | 'lose-answer' | { status: number; headers?: Record<string, string> };

export interface RecordingProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** A real HTTP hop between the SDK and the gateway that records what the SDK sent and can fail on cue. */
export async function startRecordingProxy(targetUrl: string, plan: (request: { path: string; index: number }) => ProxyPlan = () => 'forward'): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const step = plan({ path, index: requests.length });
    const record: ProxiedRequest = { method: req.method ?? 'GET', path, body, status: 0, retryAfter: null, arrivedAtMs: Date.now() };
    requests.push(record);
    if (typeof step === 'object') {
      record.status = step.status;
      res.writeHead(step.status, { 'Content-Type': 'text/plain', ...step.headers }).end('proxy says no');
      return;
    }
    const headers = Object.fromEntries(['authorization', 'content-type', 'accept'].flatMap((name) => (req.headers[name] ? [[name, String(req.headers[name])]] : [])));
    const answer = await fetch(`${targetUrl}${path}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    const text = await answer.text();
    record.status = step === 'lose-answer' ? 502 : answer.status;
    record.retryAfter = answer.headers.get('retry-after');
    if (step === 'lose-answer') res.writeHead(502, { 'Content-Type': 'text/plain' }).end('bad gateway');
    else res.writeHead(answer.status, passedHeaders(answer.headers)).end(text);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// fetch has already decoded the body, so its length and encoding headers would describe bytes no longer sent.
function passedHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)));
}
