import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  medianMs: number;
  p99Ms: number;
  runs: number;
  bytes: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * One request at a time over a keep-alive connection, after warm-up calls: the latency a user or dashboard sees
 * (throughput scenarios use autocannon instead).
 */
export async function timeSequential(url: string, headers: Record<string, string>, runs: number, warmup = 3): Promise<LatencySummary> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = request(url, { agent, headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    for (let i = 0; i < warmup; i += 1) await once();
    const timings: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      const answer = await once();
      timings.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
      bytes = answer.bytes;
    }
    timings.sort((a, b) => a - b);
    return { medianMs: percentile(timings, 50), p99Ms: percentile(timings, 99), runs, bytes };
  } finally {
    agent.destroy();
  }
}

/** Peak resident memory of a process (VmHWM), in MiB. */
export async function peakRssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
