import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A real TCP hop between a gateway and PostgreSQL that a test can break the way networks and databases break:
 * `blackhole()` keeps every connection open but forwards nothing (a database that stopped answering), `refuse()`
 * closes the listener and every connection (a stopped database), `restore()` forwards again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private mode: 'forward' | 'blackhole' = 'forward';
  private server: Server;

  private constructor(
    private readonly target: { host: string; port: number },
    private listenPort: number,
  ) {
    this.server = this.createListener();
  }

  static async start(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
    const url = new URL(databaseUrl);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port) }, 0);
    await proxy.listen();
    url.host = `127.0.0.1:${proxy.listenPort}`;
    return { proxy, url: url.toString() };
  }

  blackhole(): void {
    this.mode = 'blackhole';
  }

  async refuse(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  async restore(): Promise<void> {
    this.mode = 'forward';
    if (!this.server.listening) {
      this.server = this.createListener();
      await this.listen();
    }
    // Connections opened while black-holed never reached PostgreSQL; dropping them lets clients reconnect.
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    if (this.server.listening) await this.refuse();
  }

  private createListener(): Server {
    return createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('data', (chunk: Buffer) => {
        if (this.mode === 'forward') upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (this.mode === 'forward') client.write(chunk);
      });
    });
  }

  private listen(): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(this.listenPort, '127.0.0.1', () => {
        this.listenPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }
}
