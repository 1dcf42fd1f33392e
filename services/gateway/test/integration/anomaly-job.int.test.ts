import { HOUR_MS } from '@finops/contracts';
import pino from 'pino';
import { ForecasterClient, defaultForecasterClientOptions } from '../../src/clients/forecaster-client';
import { createAnomaliesModule } from '../../src/modules/anomalies/anomalies.module';
import { DEFAULT_ANOMALY_DETECTION_SETTINGS } from '../../src/modules/anomalies/anomaly-detection.service';
import { spend } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { createOrg, type TestOrg } from '../support/factories';
import { createTestGateway, testForecasterUrl, type TestGateway } from '../support/test-gateway';

// Its own year: the job finds every org with spend in the last day, and should find only this file's.
const NOW = '2023-06-14T10:20:00Z';
const silent = pino({ level: 'silent' });

let gateway: TestGateway;
let org: TestOrg;
const clock = new TestClock(new Date(NOW));

/** What one more gateway replica would run: its own job over the same database. */
function replica() {
  const forecaster = new ForecasterClient({ ...defaultForecasterClientOptions, baseUrl: testForecasterUrl() }, silent);
  return createAnomaliesModule({
    pool: gateway.pool,
    logger: silent,
    now: clock.now,
    forecaster,
    settings: DEFAULT_ANOMALY_DETECTION_SETTINGS,
    jobIntervalMs: 3_600_000,
    onDeliveriesQueued: () => undefined,
  }).job;
}

beforeAll(async () => {
  gateway = createTestGateway({}, { now: clock.now });
  org = await createOrg(gateway.app);
  await spend(gateway.app, org, '25', '2023-06-14T08:30:00Z');
});
afterAll(() => gateway.close());

describe('the hourly anomaly job', () => {
  test('when two replicas tick in the same hour, then the org is run once, and again in the next hour', async () => {
    const [first, second] = [replica(), replica()];
    const ran = await Promise.all([first.runOnce(), second.runOnce()]);

    expect(ran.flat().filter((orgId) => orgId === org.orgId)).toEqual([org.orgId]);
    expect(await second.runOnce()).not.toContain(org.orgId);

    clock.advance(HOUR_MS);
    expect(await second.runOnce()).toContain(org.orgId);
    const { rows } = await gateway.ownerPool.query('SELECT hour FROM anomaly_detection_runs WHERE org_id = $1 ORDER BY hour', [org.orgId]);
    expect(rows.map((row) => row.hour.toISOString())).toEqual(['2023-06-14T10:00:00.000Z', '2023-06-14T11:00:00.000Z']);
  });

  test('when an org spent nothing in the last day, then the job leaves it alone', async () => {
    const quiet = await createOrg(gateway.app);
    await spend(gateway.app, quiet, '25', '2023-06-12T08:30:00Z');

    expect(await replica().runOnce()).not.toContain(quiet.orgId);
  });
});
