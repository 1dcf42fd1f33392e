import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Express } from 'express';

/** An address of this machine that is not loopback; the test fails when the machine has none (it would prove nothing). */
export function nonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((each) => each && each.family === 'IPv4' && !each.internal)?.address;
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to test a remote client from');
  return address;
}

/** `GET path` on the app from a non-loopback address of this machine: a remote client, as the app sees it. */
export async function getFromNonLoopback(app: Express, path: string): Promise<{ status: number; contentType: string | undefined; body: string }> {
  const address = nonLoopbackAddress();
  const server = await new Promise<ReturnType<Express['listen']>>((resolve) => {
    const listening = app.listen(0, address, () => resolve(listening));
  });
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const call = httpRequest({ host: address, port, localAddress: address, path, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      });
      call.on('error', reject);
      call.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
