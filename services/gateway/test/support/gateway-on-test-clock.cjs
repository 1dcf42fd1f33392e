// The gateway as its main.ts starts it, with one difference: its clock is the wall clock shifted by
// FINOPS_TEST_CLOCK_OFFSET_MS, the offset of the test's RunningClock. Tests that run the gateway as a process see
// the same dates as their in-process gateways, whatever day the suite runs on (and under faketime on any date),
// while the clock still moves, so leases, retries and "today's" traces behave as in production.
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..', '..');
const { runMain } = require(join(root, 'packages/http-kit/dist/src/index.js'));
const { startGateway } = require(join(root, 'services/gateway/dist/src/index.js'));

const offsetMs = Number(process.env.FINOPS_TEST_CLOCK_OFFSET_MS);
if (!Number.isFinite(offsetMs)) throw new Error('FINOPS_TEST_CLOCK_OFFSET_MS must be a number of milliseconds');
const now = () => new Date(Date.now() + offsetMs);
runMain(() => startGateway(process.env, { now }));
// Under libfaketime's "@" form every process's clock starts at the same instant when the process starts, so a
// parent's clock and this one differ by the parent's age: a parent that needs "now" as this gateway sees it reads it here.
process.send?.({ testClockNowMs: now().getTime() });
