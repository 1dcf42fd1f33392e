import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface AddressedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * The app on a real socket, and requests to it from a chosen loopback source address (127.0.0.2, 127.0.0.3, …), so a
 * test can be several clients: supertest always connects from 127.0.0.1.
 */
export async function listenOnLoopback(app: Express): Promise<{ send: (from: string, method: string, path: string, headers?: Record<string, string>, body?: object) => Promise<AddressedResponse>; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const send = (from: string, method: string, path: string, headers: Record<string, string> = {}, body?: object) =>
    new Promise<AddressedResponse>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const call = httpRequest(
        { host: '127.0.0.1', port, localAddress: from, method, path, agent: false, headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json' } : {}) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
          });
        },
      );
      call.on('error', reject);
      call.end(payload);
    });
  return { send, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
