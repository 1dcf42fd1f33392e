import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers to its n-th request (1-based): a status code, or 'hang' to never answer. */
export type Responder = (n: number) => number | 'hang';

/** A real HTTP server on 127.0.0.1 standing in for a subscriber's endpoint. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private responder: Responder = () => 200;
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          receiver.received.push({ headers: req.headers, body });
          const answer = receiver.responder(receiver.received.length);
          if (answer !== 'hang') res.writeHead(answer, { 'Content-Type': 'text/plain' }).end('ok');
          const due = receiver.waiters.filter((w) => receiver.received.length >= w.count);
          receiver.waiters = receiver.waiters.filter((w) => !due.includes(w));
          for (const waiter of due) waiter.resolve();
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/finops`;
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** Resolves once `count` requests have arrived in total. */
  waitFor(count: number): Promise<ReceivedWebhook[]> {
    if (this.received.length >= count) return Promise.resolve(this.received);
    return new Promise((resolve) => this.waiters.push({ count, resolve: () => resolve(this.received) }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
