import request from 'supertest';
import { ProblemSchema, problemTypeUri } from '@finops/contracts';
import { createOrg, type TestOrg } from '../support/factories';
import { RunningClock, TEST_EPOCH } from '../support/clocks';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

// Made before the gateway: the parameter tables below are built from "today" on the gateway's clock.
const clock = new RunningClock(TEST_EPOCH);
let gateway: TestGateway;
let org: TestOrg;

beforeAll(async () => {
  gateway = createTestGateway({}, { now: clock.now });
  org = await createOrg(gateway.app);
});
afterAll(() => gateway.close());

const today = () => clock.now().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

async function expectInvalid(query: string, expected: Record<string, RegExp>): Promise<void> {
  const response = await request(gateway.app).get(`/api/v1/cost/report?${query}`).set(org.auth);

  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.type).toBe(problemTypeUri('validation'));
  expect(problem.invalid_params?.map((param) => param.name).sort()).toEqual(Object.keys(expected).sort());
  for (const param of problem.invalid_params ?? []) {
    expect(param.in).toBe('query');
    expect(param.reason).toMatch(expected[param.name]!);
  }
}

describe('GET /api/v1/cost/report refuses bad parameters with a problem naming each of them', () => {
  test.each([
    ['an unknown groupBy dimension', 'groupBy=department', { groupBy: /one or more of costCenter, project, team, agentId, modelId.*"department"/ }],
    ['a groupBy list with one unknown name', 'groupBy=costCenter,cost_center', { groupBy: /not allowed: "cost_center"/ }],
    ['an empty groupBy', 'groupBy=', { groupBy: /one or more of/ }],
    ['a dimension named twice', 'groupBy=team,team', { groupBy: /names team more than once/ }],
    ['a malformed from', 'from=yesterday', { from: /calendar date YYYY-MM-DD/ }],
    ['an impossible date', 'from=2026-02-30&to=2026-03-01', { from: /calendar date/ }],
    ['a date-time instead of a date', 'to=2026-11-30T12:00:00Z', { to: /calendar date/ }],
    ['a date outside the years covered', 'from=9999-12-01&to=9999-12-31', { from: /from 1970 to 9998/, to: /from 1970 to 9998/ }],
    ['to before from', 'from=2026-11-10&to=2026-11-09', { to: /must not be before from/ }],
    ['a range over the maximum', 'from=2025-01-01&to=2026-01-02', { to: /longer than 366 days/ }],
    ['a from after today with to omitted', `from=${daysFromToday(2)}`, { from: /must not be after to, which defaults to today/ }],
    ['a from too far back with to omitted', `from=${daysFromToday(-400)}`, { from: /longer than 366 days/ }],
    ['an unknown granularity', 'granularity=hour', { granularity: /must be one of total, day, week, month/ }],
    ['an unknown format', 'format=xlsx', { format: /must be one of json, csv, focus/ }],
    ['an empty filter value', 'team=', { team: /must not be empty; to select spend without this tag use untagged/ }],
    ['a filter value over the tag length limit', `costCenter=${'x'.repeat(129)}`, { costCenter: /at most 128 characters/ }],
    ['a date given twice', 'from=2026-11-01&from=2026-11-02', { from: /given once/ }],
    ['a filter given twice', 'team=a&team=b', { team: /given once/ }],
    ['untagged on a dimension that is always present', 'untagged=agentId', { untagged: /one or more of costCenter, project, team/ }],
    ['untagged and a value for the same dimension', 'untagged=team&team=ml', { untagged: /also filtered by value/ }],
    ['an unknown parameter (a typo)', 'costcenter=finance', { costcenter: /not a known field/ }],
  ])('when the query has %s, then it is refused naming it', async (_name, query, expected) => {
    await expectInvalid(query, expected);
  });

  test('when several parameters are bad at once, then every one is named', async () => {
    await expectInvalid('groupBy=dept&from=2026-11-10&to=2026-11-01&granularity=hourly&format=pdf&zzz=1', {
      groupBy: /one or more of/,
      to: /before from/,
      granularity: /one of/,
      format: /one of/,
      zzz: /not a known field/,
    });
  });

  test('when from is today and to omitted, then it is accepted (the boundary of the default)', async () => {
    await request(gateway.app).get(`/api/v1/cost/report?from=${today()}`).set(org.auth).expect(200);
  });

  test('when no API key is sent, then the report is refused with 401', async () => {
    const response = await request(gateway.app).get('/api/v1/cost/report');

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
