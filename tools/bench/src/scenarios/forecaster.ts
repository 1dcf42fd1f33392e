import { fork } from 'node:child_process';
import { join } from 'node:path';
import { createRandom, forecastMonthEnd, formatIsoDay, parseIsoDay } from '@finops/forecasting';
import { median, runRepeated } from '../load';
import type { Scenario } from './scenario';

/** A 90-day spend-like series: weekday rhythm, drifting level, 15% noise, a few zero days. */
function spendRequest(seed: number) {
  const random = createRandom(seed);
  const week = [1.15, 1.2, 1.1, 1.1, 1.05, 0.7, 0.7];
  const start = parseIsoDay('2026-08-02') ?? 0;
  let level = 50 + 200 * random.uniform();
  const series = Array.from({ length: 90 }, (_, t) => {
    const error = 0.15 * random.normal();
    level *= 1 + 0.05 * error + 0.002;
    return { date: formatIsoDay(start + t), costUsd: random.uniform() < 0.02 ? 0 : Math.max(level * week[t % 7]! * (1 + error), 0) };
  });
  return { series, periodEnd: '2026-11-30', caps: [{ id: 'soft', limitUsd: 3000 }, { id: 'hard', limitUsd: 6000 }] };
}

/** Fit + intervals + breach probabilities in this process, one at a time: the per-forecast cost on one core. */
function libraryMedianMs(rounds: number): number {
  const requests = Array.from({ length: 20 }, (_, i) => spendRequest(1000 + i));
  for (const request of requests) forecastMonthEnd(request);
  const timings: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const request of requests) {
      const started = process.hrtime.bigint();
      forecastMonthEnd(request);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return median(timings);
}

/** Scenario 5: the forecasting library per fit, and the forecaster service over HTTP next to a trivial route. */
export const forecaster: Scenario = async (stack, plan, log) => {
  log('scenario 5: library fit + intervals + breach probability, 90-day series');
  const perFitMs = libraryMedianMs(plan.quick ? 5 : 25);

  const trivial = fork(join(__dirname, '../trivial-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => trivial.once('message', (message: { port: number }) => resolve(message.port)));
  const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify(spendRequest(2000 + i)));
  log('scenario 5: trivial Express route (limit)');
  const limit = await runRepeated({ url: `http://127.0.0.1:${port}/ingest`, connections: 16, headers: {}, bodies }, plan);
  trivial.kill('SIGTERM');
  log('scenario 5: POST /forecast/cost');
  const http = await runRepeated({ url: `${stack.forecasterUrl}/forecast/cost`, connections: 16, headers: {}, bodies }, plan);
  return [
    { scenario: '5 forecaster library', metric: 'median per 90-day fit', value: perFitMs, unit: 'ms', goal: '< 5 ms', met: perFitMs < 5 },
    {
      scenario: '5 forecaster HTTP (16 conns)',
      metric: 'throughput',
      value: http.medianRps,
      unit: 'forecasts/s',
      limit: { label: 'trivial Express route, same bodies', value: limit.medianRps },
      ratio: http.medianRps / limit.medianRps,
      goal: '>= 500 forecasts/s',
      met: http.medianRps >= 500,
      details: { p50Ms: http.medianP50Ms, p99Ms: http.medianP99Ms, non2xx: http.totalNon2xx },
    },
  ];
};
