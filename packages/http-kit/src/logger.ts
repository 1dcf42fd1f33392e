import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { nonBlockingOutput } from './non-blocking-output';

export function createLogger(options: { name: string; level: LevelWithSilent }): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      // Trace bodies hold users' prompts and outputs, and headers hold credentials: none of them is ever logged.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.body'], remove: true },
    },
    stdoutThatNeverBlocks(),
  );
}

/** Waits until the logger's pending lines are written, or the deadline passes (a reader that is not reading). */
export function flushLogs(logger: Logger, timeoutMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    logger.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Longest time stdout may refuse writes before log lines are dropped instead of waited for. */
const STUCK_STDOUT_LIMIT_MS = 2_000;
const MAX_BUFFERED_LOG_BYTES = 16 * 1024 * 1024;

/**
 * Standard output that a reader who stopped reading (a closed terminal, a pipe nobody drains) can never freeze:
 * pino's default retries such a write every 100 ms forever, and a process stuck there ignores SIGTERM. Here writes
 * are asynchronous on a non-blocking descriptor; lines wait in memory up to a bound while stdout is busy, and once it
 * has refused writes for two seconds, or on exit, what cannot be written is dropped. Logs are worth less than a
 * shutdown.
 */
function stdoutThatNeverBlocks(): DestinationStream {
  let stuckSince: number | undefined;
  const destination = pino.destination({
    dest: nonBlockingOutput(1),
    sync: false,
    maxLength: MAX_BUFFERED_LOG_BYTES,
    retryEAGAIN: () => {
      stuckSince ??= Date.now();
      return Date.now() - stuckSince < STUCK_STDOUT_LIMIT_MS;
    },
  });
  destination.on('write', () => (stuckSince = undefined));
  // A refused write is reported here (and retried with the next line); a broken pipe pino already turns into no-ops.
  destination.on('error', () => undefined);
  // pino flushes synchronously at exit, and sonic-boom's synchronous flush sleeps and retries forever on any error
  // but EAGAIN (a reader that went away: EPIPE): a process could never exit. Shutdown flushes with a deadline
  // instead (flushLogs); a line still unwritten at exit is lost.
  destination.flushSync = () => undefined;
  return destination;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Per-request child logger with a request id (the caller's X-Request-Id when well-formed), echoed back. */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
