import { fork } from 'node:child_process';
import { join } from 'node:path';

/** The trivial Express route (trivial-server.ts) in a process of its own: the limit HTTP scenarios are measured against. */
export async function startTrivialServer(): Promise<{ url: string; stop(): void }> {
  const child = fork(join(__dirname, 'trivial-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (message: { port: number }) => resolve(message.port)));
  return { url: `http://127.0.0.1:${port}/ingest`, stop: () => child.kill('SIGTERM') };
}
