import { fork, type ChildProcess } from 'node:child_process';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRandom, formatIsoDay, parseIsoDay } from '@finops/forecasting';

// The built forecaster as `npm start` runs it, as a single process and as a pool of workers, on real sockets.
const ENTRY = join(__dirname, '../../dist/src/main.js');

interface Running {
  child: ChildProcess;
  port: number;
  workers: number[];
  /** pids of the processes that logged a completed request. */
  answeredBy: Set<number>;
  /** pids of the processes that logged that they listen. */
  listening: number[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startForecaster(workers: number): Promise<Running> {
  const child = fork(ENTRY, [], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', FORECASTER_WORKERS: String(workers) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // 'close': the process exited and its stdout (shared by the workers) was read to the end.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const answeredBy = new Set<number>();
  const listening: number[] = [];
  // Workers write to the pool's stdout: one JSON log line each, with the writer's pid.
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const entry = JSON.parse(line) as { pid: number; msg: string };
    if (entry.msg === 'request completed') answeredBy.add(entry.pid);
    if (entry.msg === 'forecaster listening') listening.push(entry.pid);
  });
  const ready = await new Promise<{ port: number; workers?: number[] }>((resolve, reject) => {
    child.once('message', (message: { port: number; workers?: number[] }) => resolve(message));
    child.once('exit', (code) => reject(new Error(`forecaster exited during start-up (code ${code})`)));
  });
  return { child, port: ready.port, workers: ready.workers ?? [child.pid!], answeredBy, listening, exited };
}

interface Answer {
  /** 0 when the answer did not arrive in full. */
  status: number;
  text: string;
}

function readAnswer(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve({ status: res.complete ? (res.statusCode ?? 0) : 0, text }));
    res.on('error', () => resolve({ status: 0, text }));
  });
}

/** One POST on a connection of its own, so that a pool's primary hands consecutive requests to different workers. */
function post(port: number, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/forecast/cost', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => void readAnswer(res).then(resolve),
    );
    // A request the server never answered (refused or reset during shutdown) was not acknowledged.
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(body);
  });
}

/**
 * Starts a POST with `Expect: 100-continue` and resolves once the server has taken the request (it answered
 * 100 Continue to the headers); `finish()` then sends the body and resolves with the answer.
 */
function beginPost(port: number, body: string): Promise<{ finish(): Promise<Answer> }> {
  return new Promise((resolveBegun, rejectBegun) => {
    let resolveAnswer: (answer: Answer) => void = () => undefined;
    const answer = new Promise<Answer>((resolve) => (resolveAnswer = resolve));
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/forecast/cost',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
      },
      (res) => void readAnswer(res).then(resolveAnswer),
    );
    req.on('error', (error) => {
      rejectBegun(error);
      resolveAnswer({ status: 0, text: '' });
    });
    req.on('continue', () =>
      resolveBegun({
        finish: () => {
          req.end(body);
          return answer;
        },
      }),
    );
    req.flushHeaders();
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** 90 days of spend-like data ending on 2026-10-30, forecast to the end of November (as the benchmark sends). */
function spendRequest(seed: number, zeroDays = 0.02): string {
  const random = createRandom(seed);
  const start = parseIsoDay('2026-08-02')!;
  const week = [1.15, 1.2, 1.1, 1.1, 1.05, 0.7, 0.7];
  let level = 50 + 200 * random.uniform();
  const series = Array.from({ length: 90 }, (_, t) => {
    const error = 0.15 * random.normal();
    level *= 1 + 0.05 * error + 0.002;
    return { date: formatIsoDay(start + t), costUsd: random.uniform() < zeroDays ? 0 : Math.max(level * week[t % 7]! * (1 + error), 0) };
  });
  return JSON.stringify({ series, periodEnd: '2026-11-30', caps: [{ id: 'soft', limitUsd: 3000 }, { id: 'hard', limitUsd: 6000 }] });
}

const bodies = [
  spendRequest(1),
  spendRequest(2, 0),
  spendRequest(3, 0.2),
  JSON.stringify({ series: [{ date: '2026-11-01', costUsd: 12 }, { date: '2026-11-04', costUsd: 9 }], periodEnd: '2026-11-30', caps: [{ id: 'c', limitUsd: 100 }] }),
  JSON.stringify({ series: Array.from({ length: 30 }, (_, i) => ({ date: formatIsoDay(parseIsoDay('2026-10-01')! + i), costUsd: 25 })), periodEnd: '2026-11-30', caps: [] }),
];

// Several processes start and forecast on two shared cores.
jest.setTimeout(120_000);

describe('forecaster worker pool', () => {
  const started: Running[] = [];
  afterEach(() => {
    for (const running of started.splice(0)) if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  });

  it('when two workers share the port, then each answer equals the single process’s, whichever worker gives it', async () => {
    const single = await startForecaster(1);
    const pool = await startForecaster(2);
    started.push(single, pool);
    expect(single.workers).toEqual([single.child.pid]);
    expect(pool.workers).toHaveLength(2);
    expect(pool.workers).not.toContain(pool.child.pid);

    for (const body of bodies) {
      const expected = await post(single.port, body);
      expect(expected.status).toBe(200);
      const answers = await Promise.all(Array.from({ length: 4 }, () => post(pool.port, body)));
      for (const answer of answers) expect(answer).toEqual(expected);
    }
    single.child.kill('SIGTERM');
    pool.child.kill('SIGTERM');
    expect(await single.exited).toEqual({ code: 0, signal: null });
    expect(await pool.exited).toEqual({ code: 0, signal: null });
    // Both workers answered (the primary hands new connections to its workers in turn).
    expect([...pool.answeredBy].sort()).toEqual([...pool.workers].sort());
  });

  it('when SIGTERM arrives with forecasts in flight, then each is answered in full, every worker exits and the pool exits with 0', async () => {
    const pool = await startForecaster(2);
    started.push(pool);
    const body = bodies[0]!;
    const expected = await post(pool.port, body);
    // Requests a worker has begun: it answered `Expect: 100-continue` to their headers; their bodies follow only
    // after the signal.
    const begun = await Promise.all(Array.from({ length: 6 }, () => beginPost(pool.port, body)));
    pool.child.kill('SIGTERM');
    const answers = await Promise.all(begun.map((request) => request.finish()));
    const exit = await pool.exited;

    for (const answer of answers) expect(answer).toEqual(expected);
    expect(exit).toEqual({ code: 0, signal: null });
    for (const pid of pool.workers) expect(isAlive(pid)).toBe(false);
    expect([...pool.answeredBy].sort()).toEqual([...pool.workers].sort());
  });

  it('when a worker dies, then another takes its place and the pool keeps answering', async () => {
    const pool = await startForecaster(2);
    started.push(pool);
    const expected = await post(pool.port, bodies[1]!);
    const [victim, survivor] = pool.workers as [number, number];
    process.kill(victim, 'SIGKILL');
    // Wait for a new worker to listen (the primary forks it after a pause).
    const newcomer = () => pool.listening.find((pid) => !pool.workers.includes(pid));
    while (newcomer() === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    const replacement = newcomer()!;
    const answers = await Promise.all(Array.from({ length: 4 }, () => post(pool.port, bodies[1]!)));
    for (const answer of answers) expect(answer).toEqual(expected);
    pool.child.kill('SIGTERM');
    expect(await pool.exited).toEqual({ code: 0, signal: null });
    for (const pid of [survivor, replacement]) expect(isAlive(pid)).toBe(false);
  });
});
