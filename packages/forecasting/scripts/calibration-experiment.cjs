// The calibration experiment of test/unit/calibration.test.ts at any size: series simulated from its two known
// processes (ETS(A,N,A), seed 11, and ETS(M,N,M), seed 12; 90 days of history, April forecast), scored for interval
// coverage and the Brier score of the breach probabilities. Not a test; run it after building, from the repository
// root:
//   npx tsc -b packages/forecasting && node packages/forecasting/scripts/calibration-experiment.cjs [series=400] [library dist]
// The optional second argument is another build's dist directory: its forecastMonthEnd is scored on the same series,
// to compare two versions of the library.
const { resolve } = require('node:path');
const { additive, evaluate, multiplicative } = require('../dist/test/support/calibration-experiment.js');

const series = Number(process.argv[2] ?? 400);
const library = require(resolve(process.argv[3] ?? resolve(__dirname, '../dist'), 'src/index.js'));

for (const [name, generate, seed] of [
  ['ETS(A,N,A)', additive, 11],
  ['ETS(M,N,M)', multiplicative, 12],
]) {
  const cpu = process.cpuUsage();
  const r = evaluate(generate, seed, series, library.forecastMonthEnd);
  const used = process.cpuUsage(cpu);
  console.log(
    `${name}, ${series} series: daily 80% ${r.daily80.toFixed(4)}, daily 95% ${r.daily95.toFixed(4)}, month-end p10–p90 ${r.total80.toFixed(4)}, ` +
      `Brier ${r.brier.toFixed(5)} (base rate alone ${r.climatologyBrier.toFixed(5)}), mean probability ${r.meanProbability.toFixed(4)} ` +
      `vs base rate ${r.baseRate.toFixed(4)}; ${((used.user + used.system) / 1000 / series).toFixed(2)} ms CPU per forecast`,
  );
}
