import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { familyOf, parseExposition, type Exposition } from '@finops/http-kit';
import request from 'supertest';
import { createBudget } from '../support/budgets';
import { createOrg, docsExampleTrace } from '../support/factories';
import { createPolicy, guardCheck } from '../support/guard';
import { scrape } from '../support/scrape';
import { createTestGateway, testForecasterUrl, type TestGateway } from '../support/test-gateway';

const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../../deploy/grafana/finops-dashboard.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

/** PromQL words that are not metric names: functions, aggregations, their modifiers. */
const PROMQL_WORDS = new Set(['sum', 'by', 'without', 'rate', 'increase', 'histogram_quantile', 'avg', 'max', 'min', 'count', 'topk', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'offset']);

/** The metric names an expression selects: what is left once label matchers, groupings, ranges and numbers are removed. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  return [...bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((match) => match[0]).filter((word) => !PROMQL_WORDS.has(word));
}

let gateway: TestGateway;
beforeAll(() => {
  gateway = createTestGateway();
});
afterAll(() => gateway.close());

async function forecasterScrape(): Promise<Exposition> {
  const response = await fetch(`${testForecasterUrl()}/metrics`);
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

describe('deploy/grafana/finops-dashboard.json', () => {
  test('when read, then every panel queries something', () => {
    expect(dashboard.panels.length).toBeGreaterThan(10);
    for (const panel of dashboard.panels) expect(panel.targets.flatMap((target) => metricNamesIn(target.expr))).not.toEqual([]);
  });

  test('when the services have served traffic, then every metric the dashboard queries is in the gateway’s or the forecaster’s /metrics', async () => {
    const org = await createOrg(gateway.app);
    await request(gateway.app).post('/api/v1/traces/ingest').set(org.auth).send(docsExampleTrace()).expect(201);
    await createPolicy(gateway.app, org, { scope: 'org', limitUsd: 1, periodType: 'daily' });
    await guardCheck(gateway.app, org, { agentId: 'a1', estimatedCostUsd: 0.1 });
    await createBudget(gateway.app, org, { dimension: 'org', limitUsd: 10 });
    await request(gateway.app).get('/api/v1/cost/forecast').set(org.auth).expect(200);
    const scrapes = [await scrape(gateway.app), await forecasterScrape()];

    const queried = [...new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNamesIn(target.expr))))];
    const missing = queried.filter((name) => !scrapes.some((scraped) => familyOf(scraped, name) !== undefined));

    expect(queried).toEqual(expect.arrayContaining(['finops_spend_usd_total', 'http_request_duration_seconds_bucket', 'finops_forecaster_operation_duration_seconds_bucket']));
    expect(missing).toEqual([]);
  });

  test('when a name ends in _bucket, then it belongs to a histogram', async () => {
    const scrapes = [await scrape(gateway.app), await forecasterScrape()];
    const buckets = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNamesIn(target.expr))).filter((name) => name.endsWith('_bucket'));

    for (const name of buckets) {
      const base = name.replace(/_bucket$/, '');
      expect(scrapes.map((scraped) => scraped.types.get(base)).filter(Boolean)).toContain('histogram');
    }
  });
});
