import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';

// Runs autocannon in a process of its own, so the load generator never competes with the measured server for the
// same event loop. Receives one job over IPC, answers with the summary.
export interface LoadJob {
  url: string;
  connections: number;
  /**
   * Exactly this many requests, every answer awaited: a duration-bound run would abandon the requests in flight when
   * it stops (stored by the server, never counted), and the stored-equals-acknowledged check could not hold.
   */
  amount: number;
  headers: Record<string, string>;
  /** Request bodies, sent round-robin (varied tags without per-request work in the generator). */
  bodies: string[];
  /** Default application/json. */
  contentType?: string;
  /** The bodies are base64 of binary bodies (protobuf), sent as bytes. */
  base64?: boolean;
  /**
   * Hex bytes replaced in every request with bytes of its own: OTLP span ids are idempotency keys, so a body sent
   * twice as is would be a replay, not new spans.
   */
  freshBytes?: string;
}

/** Each request's copy of the body with every occurrence of `placeholder` replaced by this worker's next value. */
function freshener(placeholder: Buffer): (body: Buffer) => Buffer {
  const value = randomBytes(placeholder.length);
  let sent = 0;
  return (body) => {
    sent += 1;
    value.writeUInt32BE(sent, value.length - 4);
    const copy = Buffer.from(body);
    for (let at = copy.indexOf(placeholder); at !== -1; at = copy.indexOf(placeholder, at + placeholder.length)) value.copy(copy, at);
    return copy;
  };
}

export interface LoadSummary {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

process.once('message', (job: LoadJob) => {
  let next = 0;
  const bodies: (string | Buffer)[] = job.base64 || job.freshBytes ? job.bodies.map((body) => Buffer.from(body, job.base64 ? 'base64' : 'utf8')) : job.bodies;
  const fresh = job.freshBytes ? freshener(Buffer.from(job.freshBytes, 'hex')) : undefined;
  // autocannon ends a run, and stamps `finish`, only at its next one-second sample tick after the last answer, so
  // start/finish overstate short runs by up to a second (a 0.4 s run counted as 1 s caps the measured rate at
  // amount/s). The wall time is taken from here to the last answer instead.
  const started = process.hrtime.bigint();
  let lastAnswer = started;
  const instance = autocannon(
    {
      url: job.url,
      connections: job.connections,
      amount: job.amount,
      pipelining: 1,
      timeout: 30,
      // autocannon notices that a fixed amount of requests is done only when it samples (every second by default),
      // so a run's duration, and its rate, would be rounded up to whole seconds.
      sampleInt: 50,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': job.contentType ?? 'application/json', ...job.headers },
          setupRequest: (request) => {
            const body = bodies[next % bodies.length]!;
            request.body = fresh ? fresh(body as Buffer) : body;
            next += 1;
            return request;
          },
        },
      ],
    },
    (error, result) => {
      if (error) {
        process.send?.({ error: error.message });
        return;
      }
      const seconds = Math.max(Number(lastAnswer - started) / 1e9, 1e-6);
      const summary: LoadSummary = {
        requestsPerSecond: result['2xx'] / seconds,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        ok2xx: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        durationSeconds: seconds,
      };
      process.send?.({ summary }, () => process.exit(0));
    },
  );
  instance.on('response', () => {
    lastAnswer = process.hrtime.bigint();
  });
  process.once('SIGTERM', () => instance.stop());
});
