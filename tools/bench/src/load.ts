import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadJob, LoadSummary } from './load-worker';

export type { LoadSummary } from './load-worker';

export function runLoad(job: LoadJob): Promise<LoadSummary> {
  const worker = fork(join(__dirname, 'load-worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { summary?: LoadSummary; error?: string }) => {
      if (message.summary) resolve(message.summary);
      else reject(new Error(message.error ?? 'load generator failed'));
    });
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    worker.send(job);
  });
}

export interface RepeatedLoad {
  runs: LoadSummary[];
  /** Every 2xx answer, warm-up included (to check against what was stored). */
  total2xx: number;
  totalNon2xx: number;
  medianRps: number;
  medianP50Ms: number;
  medianP99Ms: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A warm-up (discarded) that also calibrates the request count, then `runs` measured runs of about `runSeconds`
 * each; medians over the runs.
 */
export async function runRepeated(job: Omit<LoadJob, 'amount'>, plan: { warmupSeconds: number; runSeconds: number; runs: number }): Promise<RepeatedLoad> {
  const probe = await runLoad({ ...job, amount: job.connections * 10 });
  const warmupRate = Math.max(probe.requestsPerSecond, 1);
  const warmup = await runLoad({ ...job, amount: Math.ceil(warmupRate * plan.warmupSeconds) });
  const amount = Math.max(job.connections * 4, Math.ceil(Math.max(warmup.requestsPerSecond, warmupRate) * plan.runSeconds));
  const runs: LoadSummary[] = [];
  for (let i = 0; i < plan.runs; i += 1) runs.push(await runLoad({ ...job, amount }));
  return {
    runs,
    total2xx: probe.ok2xx + warmup.ok2xx + runs.reduce((sum, run) => sum + run.ok2xx, 0),
    totalNon2xx: [probe, warmup, ...runs].reduce((sum, run) => sum + run.non2xx + run.errors, 0),
    medianRps: median(runs.map((run) => run.requestsPerSecond)),
    medianP50Ms: median(runs.map((run) => run.latencyP50Ms)),
    medianP99Ms: median(runs.map((run) => run.latencyP99Ms)),
  };
}
