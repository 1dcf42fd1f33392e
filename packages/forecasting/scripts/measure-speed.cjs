// Median time of one month-end forecast (fit + intervals + breach probabilities) for 90-day daily series, on one
// core. Not a test (no timing assertions live in tests): run it after building, from the repository root:
//   npx tsc -b packages/forecasting && node packages/forecasting/scripts/measure-speed.cjs
// It reports wall time and this process's CPU time per forecast; on a shared machine the CPU time is the fairer number.
const { createRandom, forecastMonthEnd, formatIsoDay, parseIsoDay } = require('../dist/src/index.js');

const DAYS = 90;
const SERIES = 20;
const ROUNDS = 25;
const start = parseIsoDay('2025-01-01');

/** Spend-like series: weekday/weekend pattern, a drifting level, 15% multiplicative noise, a few zero days. */
function spendSeries(seed) {
  const random = createRandom(seed);
  const week = [1.15, 1.2, 1.1, 1.1, 1.05, 0.7, 0.7];
  let level = 50 + 200 * random.uniform();
  return Array.from({ length: DAYS }, (_, t) => {
    const error = 0.15 * random.normal();
    level *= 1 + 0.05 * error + 0.002;
    const value = random.uniform() < 0.02 ? 0 : Math.max(level * week[t % 7] * (1 + error), 0);
    return { date: formatIsoDay(start + t), costUsd: value };
  });
}

const requests = Array.from({ length: SERIES }, (_, i) => ({
  series: spendSeries(1000 + i),
  periodEnd: '2025-04-30',
  caps: [
    { id: 'soft', limitUsd: 3000 },
    { id: 'hard', limitUsd: 6000 },
  ],
}));

for (const request of requests) forecastMonthEnd(request); // warm-up (JIT)
const wallMs = [];
const cpuMs = [];
const batchCpu = process.cpuUsage();
for (let round = 0; round < ROUNDS; round++) {
  for (const request of requests) {
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    forecastMonthEnd(request);
    wallMs.push(Number(process.hrtime.bigint() - wall) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
}
const batchUsed = process.cpuUsage(batchCpu);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p90 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)];
console.log(`${wallMs.length} forecasts of ${DAYS}-day series (${SERIES} series x ${ROUNDS} rounds)`);
console.log(`wall ms: median ${median(wallMs).toFixed(2)}, p90 ${p90(wallMs).toFixed(2)}`);
console.log(`cpu  ms: median ${median(cpuMs).toFixed(2)}, p90 ${p90(cpuMs).toFixed(2)}`);
console.log(`cpu  ms per forecast over the whole batch: ${((batchUsed.user + batchUsed.system) / 1000 / wallMs.length).toFixed(2)}`);
