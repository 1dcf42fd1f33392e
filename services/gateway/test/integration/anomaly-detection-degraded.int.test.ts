import { AnomalyDetectionRunSchema, SpendAnomalyListSchema } from '@finops/contracts';
import request from 'supertest';
import { spend } from '../support/budgets';
import { TestClock } from '../support/clocks';
import { createOrg } from '../support/factories';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
const clock = new TestClock(new Date('2023-08-09T15:30:00Z'));

beforeAll(() => {
  // Port 9 (discard) on loopback: nothing listens, so every call is refused at once.
  gateway = createTestGateway({ forecasterUrl: 'http://127.0.0.1:9', forecasterClient: { maxAttempts: 1, totalTimeoutMs: 500 } }, { now: clock.now });
});
afterAll(() => gateway.close());

test('when the forecaster cannot be reached, then an on-demand run answers 200 saying which series failed and why, and stores nothing', async () => {
  const org = await createOrg(gateway.app);
  await spend(gateway.app, org, '40', '2023-08-09T10:10:00Z', { agentId: 'agt-degraded' });

  const response = await request(gateway.app).post('/api/v1/cost/anomalies/detect').set(org.auth).expect(200);
  const run = AnomalyDetectionRunSchema.parse(response.body);

  // The total and the one agent, model, team, project and cost center that spent over $10.
  expect(run).toMatchObject({ seriesJudged: 0, seriesFailed: 6, detected: 0, updated: 0 });
  expect(run.failure).toMatch(/^unavailable: the forecaster could not be reached/);
  const listed = await request(gateway.app).get('/api/v1/cost/anomalies').set(org.auth).expect(200);
  expect(SpendAnomalyListSchema.parse(listed.body).anomalies).toEqual([]);
});
