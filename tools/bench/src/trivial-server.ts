import express from 'express';

// The limit for HTTP scenarios: the same kind of process (Node, Express 5, JSON body parsing) doing no work.
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16mb' }));
app.post('/ingest', (_req, res) => {
  res.status(201).json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ ready: true, port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
