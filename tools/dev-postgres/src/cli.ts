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

main().catch((error: unknown) => {
  process.send?.({ ready: false, error: error instanceof Error ? error.message : String(error) });
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
