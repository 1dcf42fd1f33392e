import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { BudgetStatusList, ChargebackReport } from '@finops/contracts';
import { loadDemoData } from '@finops/demo-data';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openWithKey, screenshot, topOfColour, VIEWPORTS, waitForSections, type ViewportName } from '../support/browser';
import { forecastFixture } from '../support/forecast-fixture';
import { apiGet, createOrg, startStack, type Stack } from '../support/stack';

// The instant the gateway's clock starts from and the browser's clock shows: early in a month (the demo's caps must
// still show one in warning), the same on whatever date the suite runs.
const AS_OF = new Date('2026-11-03T09:30:00Z');

// Starting two services, loading 90 days through the API and driving a real browser take longer than Jest's default.
const SETUP_TIMEOUT_MS = 240_000;
const TEST_TIMEOUT_MS = 90_000;

const usd = (amount: string) => Number(amount).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
const percent = (share: string | null) => (share === null ? '–' : `${(Number(share) * 100).toFixed(1)}%`);

let stack: Stack;
let browser: Browser;
let demo: { apiKey: string; apiKeyId: string };
const contexts: BrowserContext[] = [];

// The page writes dates in the browser's locale; British English unless a test is about the locale.
async function newPage(viewport: ViewportName = 'laptop', locale = 'en-GB'): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], acceptDownloads: true, reducedMotion: 'reduce', locale });
  await context.clock.setFixedTime(stack.now());
  contexts.push(context);
  return context.newPage();
}

/** The demo org's dashboard, shown `fixture` as the forecast endpoint's answer. */
async function openWithForecast(fixture: ReturnType<typeof forecastFixture>, viewport: ViewportName = 'laptop'): Promise<Page> {
  const page = await newPage(viewport);
  await page.route('**/api/v1/cost/forecast**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fixture) }));
  await openWithKey(page, stack.gatewayUrl, demo.apiKey);
  return page;
}

async function reportOf(path: string): Promise<ChargebackReport> {
  const response = await apiGet(stack.gatewayUrl, demo.apiKey, path);
  expect(response.status).toBe(200);
  return (await response.json()) as ChargebackReport;
}

/** The breakdown table as the person sees it: one [label, spend, share, traces] per body row, then the total row. */
async function tableShown(page: Page): Promise<{ rows: string[][]; total: string[] }> {
  return page.locator('[data-slot="breakdown"] table').evaluate((table) => {
    const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim());
    return { rows: [...table.querySelectorAll('tbody tr')].map(cells), total: cells(table.querySelector('tfoot tr')!) };
  });
}

async function rangeShown(page: Page): Promise<{ from: string; to: string }> {
  return { from: await page.locator('#from').inputValue(), to: await page.locator('#to').inputValue() };
}

beforeAll(async () => {
  stack = await startStack({ asOf: AS_OF });
  browser = await launchChromium();
  demo = await createOrg(stack.gatewayUrl, `dashboard-demo-${randomUUID()}`);
  await loadDemoData({ baseUrl: stack.gatewayUrl, apiKey: demo.apiKey, now: stack.now() });
}, SETUP_TIMEOUT_MS);

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('dashboard in a real browser', () => {
  test(
    'when the demo data is loaded twice, then the second run stores nothing new (idempotent batches)',
    async () => {
      const now = stack.now();
      const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
      const range = `/api/v1/cost/report?from=${monthAgo}&to=${now.toISOString().slice(0, 10)}`;
      const first = await reportOf(range);
      const summary = await loadDemoData({ baseUrl: stack.gatewayUrl, apiKey: demo.apiKey, now });
      const second = await reportOf(range);
      expect(first.traceCount).toBeGreaterThan(5_000);
      // Only traces dated between the two loads can be new (today's, as the clock moves on); nothing is doubled.
      expect(second.traceCount - first.traceCount).toBeLessThan(50);
      expect(summary.replayedBatches).toBeGreaterThanOrEqual(summary.batches - 1);
      expect(summary.budgets.every((budget) => !budget.created)).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the page opens without a key, then it asks for one, refuses a wrong key with a 401 message, and keeps a good key only in session storage',
    async () => {
      for (const viewport of ['laptop', 'phone'] as const) {
        const page = await newPage(viewport);
        const requestedUrls: string[] = [];
        page.on('request', (request) => requestedUrls.push(request.url()));
        await page.goto(`${stack.gatewayUrl}/`);
        expect(new URL(page.url()).pathname).toBe('/dashboard/');
        const keyField = page.getByLabel('API key', { exact: true });
        await expect(keyField.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
        await screenshot(page, `key-${viewport}`);

        await keyField.fill('fok_this-key-does-not-exist');
        await page.getByRole('button', { name: 'Open dashboard' }).click();
        await page.locator('#key-error', { hasText: /refused this key \(401\)/ }).waitFor();
        await screenshot(page, `key-refused-${viewport}`);

        await keyField.fill(demo.apiKey);
        await page.getByRole('button', { name: 'Open dashboard' }).click();
        await waitForSections(page);
        const storage = await page.evaluate(() => ({ session: sessionStorage.getItem('finops.apiKey'), local: localStorage.length, cookie: document.cookie }));
        expect(storage).toEqual({ session: demo.apiKey, local: 0, cookie: '' });
        expect(page.url()).not.toContain(demo.apiKey);
        expect(requestedUrls.filter((url) => url.includes(demo.apiKey))).toEqual([]);

        // A reload in the same tab keeps the key; the form is not shown again.
        await page.reload();
        await waitForSections(page);
        await expect(page.locator('#key-panel').isHidden()).resolves.toBe(true);
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the dimension is switched, then the chart and the breakdown table show exactly the report API’s figures',
    async () => {
      const page = await newPage('laptop');
      await openWithKey(page, stack.gatewayUrl, demo.apiKey);
      await screenshot(page, 'overview-laptop');
      await screenshot(page, 'spend-laptop', '#spend');

      for (const dimension of ['costCenter', 'team', 'modelId'] as const) {
        await page.getByLabel('Group by').selectOption(dimension);
        await waitForSections(page);
        const { from, to } = await rangeShown(page);
        const report = await reportOf(`/api/v1/cost/report?groupBy=${dimension}&from=${from}&to=${to}`);
        const { rows, total } = await tableShown(page);

        const expected = report.rows.map((row) => [row[dimension]!, usd(row.spendUsdRounded), percent(row.shareOfTotal), row.traceCount.toLocaleString('en-US')]);
        if (report.unattributed.traceCount > 0) {
          expected.push([expect.stringMatching(/^unattributed/) as unknown as string, usd(report.unattributed.spendUsdRounded), percent(report.unattributed.shareOfTotal), report.unattributed.traceCount.toLocaleString('en-US')]);
        }
        expect(rows).toEqual(expected);
        expect(total).toEqual(['Total', usd(report.totalUsdRounded), '100.0%', report.traceCount.toLocaleString('en-US')]);
        await expect(page.locator('[data-figure="total"]').textContent()).resolves.toBe(usd(report.totalUsdRounded));
        await expect(page.locator('.coverage').textContent()).resolves.toContain(`Attribution coverage: ${percent(report.coverage.attributedShare)}`);
        await expect(page.locator('#spend [role="img"]').getAttribute('aria-label')).resolves.toContain(`stacked by ${dimension === 'costCenter' ? 'cost center' : dimension === 'team' ? 'team' : 'model'}`);
        await screenshot(page, `breakdown-${dimension}-laptop`, '#breakdown');
      }

      // The 90-day preset shows the whole demo, spike included, and still matches the API.
      await page.getByRole('button', { name: 'Last 90 days' }).click();
      await waitForSections(page);
      const { from, to } = await rangeShown(page);
      const report = await reportOf(`/api/v1/cost/report?groupBy=modelId&from=${from}&to=${to}`);
      await expect(page.locator('[data-figure="total"]').textContent()).resolves.toBe(usd(report.totalUsdRounded));
      await screenshot(page, 'spend-90-days-laptop', '#spend');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when CSV and FOCUS are downloaded, then the files are the report API’s exports for the range shown, and the key is in no URL',
    async () => {
      const page = await newPage('laptop');
      const requestedUrls: string[] = [];
      page.on('request', (request) => requestedUrls.push(request.url()));
      await openWithKey(page, stack.gatewayUrl, demo.apiKey);
      await page.getByLabel('Group by').selectOption('team');
      await waitForSections(page);
      const { from, to } = await rangeShown(page);

      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(csvDownload.suggestedFilename()).toBe(`chargeback-team-${from}-${to}.csv`);
      const csv = await readFile((await csvDownload.path())!, 'utf8');
      const expectedCsv = await (await apiGet(stack.gatewayUrl, demo.apiKey, `/api/v1/cost/report?groupBy=team&from=${from}&to=${to}&format=csv`)).text();
      expect(csv).toBe(expectedCsv);
      expect(csv.split('\r\n')[0]).toMatch(/^line,team,spendUsd,/);
      expect(csv).toContain('\r\nunattributed,');
      await page.locator('#download-status', { hasText: 'CSV downloaded.' }).waitFor();

      const [focusDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download FOCUS' }).click()]);
      expect(focusDownload.suggestedFilename()).toBe(`focus-${from}-${to}.csv`);
      const focus = await readFile((await focusDownload.path())!, 'utf8');
      expect(focus.split('\r\n')[0]).toContain('BilledCost');
      expect(focus).toContain('AI Agent');
      expect(requestedUrls.filter((url) => url.includes(demo.apiKey))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the budget caps are shown, then the engineering cap is in warning with the API’s spend and limit, and the most urgent cap comes first',
    async () => {
      const status = (await (await apiGet(stack.gatewayUrl, demo.apiKey, '/api/v1/cost/budgets/status')).json()) as BudgetStatusList;
      const engineering = status.budgets.find((budget) => budget.value === 'engineering')!;
      expect(engineering.alertState).toBe('warning');

      for (const viewport of ['laptop', 'phone'] as const) {
        const page = await newPage(viewport);
        await openWithKey(page, stack.gatewayUrl, demo.apiKey);
        const cards = page.locator('.budget');
        await expect(cards.count()).resolves.toBe(status.budgets.length);
        const first = cards.first();
        await expect(first.getAttribute('data-state')).resolves.toBe('warning');
        await expect(first.locator('h3').textContent()).resolves.toBe('Engineering AI spend');
        await expect(first.locator('.badge').textContent()).resolves.toBe('Warning');
        await expect(first.locator('.budget-figures').textContent()).resolves.toContain(`${usd(engineering.spentUsd)} of ${usd(engineering.limitUsd)}`);
        await expect(first.getByRole('meter').getAttribute('aria-valuetext')).resolves.toMatch(/of the limit spent, Warning$/);
        // The state has its own colour: the warning fill differs from an ok cap's.
        const fills = await page.locator('.meter-fill.fill-warning, .meter-fill.fill-ok').evaluateAll((elements) => elements.map((element) => getComputedStyle(element).backgroundColor));
        expect(new Set(fills).size).toBe(2);
        await screenshot(page, `budgets-${viewport}`, '#budgets');
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when a cap has a projection, then its dotted marker is labelled with the amount and date, and one past the limit says it is beyond the bar',
    async () => {
      const status = (await (await apiGet(stack.gatewayUrl, demo.apiKey, '/api/v1/cost/budgets/status')).json()) as BudgetStatusList;
      const [first, ...others] = status.budgets;
      // One cap projected to end at one and a half times its limit, one well inside it; the rest as the gateway says.
      const beyond = { ...first!, name: 'Beyond the bar', projectedUsd: (Number(first!.limitUsd) * 1.5).toFixed(2) };
      const routed = { ...status, budgets: [beyond, ...others.map((budget) => ({ ...budget, projectedUsd: (Number(budget.limitUsd) / 2).toFixed(2) }))] };
      const page = await newPage('laptop');
      await page.route('**/api/v1/cost/budgets/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(routed) }));
      await openWithKey(page, stack.gatewayUrl, demo.apiKey);
      const card = page.locator('.budget', { has: page.locator('h3', { hasText: 'Beyond the bar' }) });
      await expect(card.locator('.budget-projection').textContent()).resolves.toBe(`projected ${usd(beyond.projectedUsd)} by 30 Nov 2026 — beyond the bar, 150% of the limit`);
      await expect(card.locator('.meter-projected-beyond').count()).resolves.toBe(1);
      const inside = page.locator('.budget', { hasNotText: 'Beyond the bar' }).first();
      await expect(inside.locator('.budget-projection').textContent()).resolves.toMatch(/^projected \$[\d,]+\.\d\d by 30 Nov 2026$/);
      await expect(inside.locator('.meter-projected-beyond').count()).resolves.toBe(0);
      await screenshot(page, 'budgets-projection-laptop', '#budgets');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the org has only a few days of history, then no cap shows a probability of passing its limit, only why not',
    async () => {
      const fixture = forecastFixture(stack.now(), { degraded: false, capLimitUsd: '640', historyDays: 3 });
      const page = await openWithForecast(fixture);
      const chances = await page.locator('.budget-chance').allTextContents();
      expect(chances.length).toBeGreaterThan(0);
      expect(new Set(chances)).toEqual(new Set(['chance of passing the limit: not estimated yet: 3 complete days of history, 7 needed']));
      await expect(page.locator('.cap-list').textContent()).resolves.toContain('chance of passing it: not estimated yet: 3 complete days of history, 7 needed');
      await screenshot(page, 'budgets-short-history-laptop', '#budgets');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the browser’s locale is American or German, then the page writes every date the way that locale does',
    async () => {
      // The page writes dates with the browser's default locale, the one Chromium normally writes its date inputs in on a desktop
      // set to that language. This headless Chromium has no language packs and draws its inputs in en-US whatever the
      // locale, so the check is on the page's text against that default locale, not on the inputs' pixels.
      for (const [locale, monthStart] of [['en-US', 'Nov 1, 2026'], ['de-DE', '1. Nov. 2026']] as const) {
        const page = await newPage('laptop', locale);
        await openWithKey(page, stack.gatewayUrl, demo.apiKey);
        await expect(page.locator('.budget-scope').first().textContent()).resolves.toContain(`${monthStart} – `);
        // The spend summary names the range of the two date inputs, in that same format.
        const expected = await page.evaluate(() => {
          const format = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
          const day = (id: string) => format.format((document.getElementById(id) as HTMLInputElement).valueAsDate!);
          return { locale: format.resolvedOptions().locale, range: `${day('from')} – ${day('to')}` };
        });
        expect(expected.locale).toBe(locale);
        await expect(page.locator('[data-slot="spend"] .summary').textContent()).resolves.toContain(expected.range);
        await screenshot(page, `locale-${locale}-spend-laptop`, '#spend');
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the spend is a few sub-cent traces, then amounts keep their digits with the rounding rule as a tooltip, ticks differ, and one trace is "1 trace"',
    async () => {
      const org = await createOrg(stack.gatewayUrl, `dashboard-tiny-${randomUUID()}`);
      const ingest = async (costCenter: string) => {
        const response = await fetch(`${stack.gatewayUrl}/api/v1/traces/ingest`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${org.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ agentId: 'tiny-agent', modelId: 'claude-sonnet-4-6', tokensUsed: 10, costUsd: '0.0035', costCenter }),
        });
        expect(response.status).toBe(201);
      };
      await ingest('alpha');
      const page = await newPage('laptop');
      await openWithKey(page, stack.gatewayUrl, org.apiKey);
      await expect(page.locator('[data-slot="spend"] .summary').textContent()).resolves.toMatch(/ · 1 trace$/);

      await ingest('beta');
      await page.reload();
      await waitForSections(page);
      await expect(page.locator('[data-slot="spend"] .summary').textContent()).resolves.toMatch(/ · 2 traces$/);
      const { rows, total } = await tableShown(page);
      // The API allocates the cents as $0.01 and $0.00; the page shows what each really cost.
      expect(rows).toEqual([
        ['alpha', '$0.0035', '50.0%', '1'],
        ['beta', '$0.0035', '50.0%', '1'],
      ]);
      expect(total).toEqual(['Total', '$0.007', '100.0%', '2']);
      const titles = await page.locator('[data-slot="breakdown"] tbody td.num[title]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')));
      expect(titles).toEqual([expect.stringMatching(/^Exact: \$0\.0035\. Shown rounded to the cent \(half up\); amounts under a cent keep two significant digits/), expect.stringMatching(/^Exact: \$0\.0035\./)]);
      for (const chart of ['#spend canvas', '#breakdown canvas']) {
        const ticks = (await page.locator(chart).getAttribute('data-value-ticks'))!.split(' | ');
        expect(ticks.length).toBeGreaterThan(2);
        expect(new Set(ticks).size).toBe(ticks.length);
      }
      await screenshot(page, 'tiny-amounts-laptop');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the forecast section loads, then it shows what the gateway has: the band, the degraded badge, or "not available" for a 404',
    async () => {
      const response = await apiGet(stack.gatewayUrl, demo.apiKey, '/api/v1/cost/forecast?includeSeries=true');
      const page = await newPage('laptop');
      await openWithKey(page, stack.gatewayUrl, demo.apiKey);
      const state = await page.locator('[data-slot="forecast"] [data-forecast]').getAttribute('data-forecast');
      if (response.status === 404) {
        expect(state).toBe('unavailable');
        await expect(page.locator('[data-slot="forecast"]').textContent()).resolves.toContain('Forecast not available');
      } else {
        expect(response.status).toBe(200);
        const forecast = (await response.json()) as { degraded: boolean; projectedUsd: string };
        expect(state).toBe(forecast.degraded ? 'degraded' : 'model');
        await expect(page.locator('[data-figure="projected"]').textContent()).resolves.toBe(usd(forecast.projectedUsd));
      }
      await screenshot(page, 'forecast-live-laptop', '#forecast');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the forecast endpoint answers (routed fixture), then the projection, its interval, the 80%/95% bands and the cap lines show; degraded shows the badge',
    async () => {
      for (const viewport of ['laptop', 'phone'] as const) {
        for (const degraded of [false, true]) {
          const fixture = forecastFixture(stack.now(), { degraded, capLimitUsd: '640' });
          const page = await openWithForecast(fixture, viewport);
          const section = page.locator('[data-slot="forecast"]');
          await expect(section.locator('[data-forecast]').getAttribute('data-forecast')).resolves.toBe(degraded ? 'degraded' : 'model');
          await expect(page.locator('[data-figure="projected"]').textContent()).resolves.toBe(usd(fixture.projectedUsd));
          if (degraded) {
            await expect(section.locator('.badge-degraded').textContent()).resolves.toBe('Degraded');
            await expect(section.textContent()).resolves.toContain(fixture.degradedReason!);
            await expect(section.textContent()).resolves.toContain('chance of passing it: not estimated: the forecast is degraded');
          } else {
            await expect(section.locator('.badge-degraded').count()).resolves.toBe(0);
            await expect(section.textContent()).resolves.toContain(`80% likely between ${usd(fixture.interval!.p10)} and ${usd(fixture.interval!.p90)}`);
            await expect(section.locator('[role="img"]').first().getAttribute('aria-label')).resolves.toContain('80% and 95% bands');
            await expect(section.textContent()).resolves.toContain('Whole org limit $640.00 · chance of passing it: 12%');
          }
          await screenshot(page, `forecast-${degraded ? 'degraded' : 'band'}-${viewport}`, '#forecast');
        }
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when everything this month was spent today, then the running total shows it as spent at once, not a projection climbing from $0',
    async () => {
      const fixture = forecastFixture(stack.now(), { degraded: false, capLimitUsd: '1200', spentOnlyTodayUsd: 1000 });
      const page = await openWithForecast(fixture);
      const running = page.locator('[data-slot="forecast"] figure').nth(1);
      await expect(running.locator('[role="img"]').getAttribute('aria-label')).resolves.toContain('Running total this period: $1,000.00 spent through 3 Nov 2026');
      // The spent line (#0072B2) climbs to $1,000 on a scale to about $1,700 (p90): into the top half, far above $0.
      const top = await topOfColour(page, '[data-slot="forecast"] figure:nth-child(2) canvas', [0x00, 0x72, 0xb2]);
      expect(top).not.toBeNull();
      expect(top!).toBeLessThan(0.5);
      // No complete day of history: the fixture's 12% would be noise, so the page says why it shows none.
      await expect(page.locator('.cap-list').textContent()).resolves.toBe('Whole org limit $1,200.00 · chance of passing it: not estimated yet: 0 complete days of history, 7 needed');
      await screenshot(page, 'forecast-spent-today-laptop', '#forecast');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the page is at phone width, then nothing is wider than the screen and every section is there',
    async () => {
      const page = await newPage('phone');
      await openWithKey(page, stack.gatewayUrl, demo.apiKey);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const section of ['#spend', '#breakdown', '#budgets', '#forecast']) await expect(page.locator(section).isVisible()).resolves.toBe(true);
      await screenshot(page, 'overview-phone');
      await screenshot(page, 'breakdown-phone', '#breakdown');
      await screenshot(page, 'spend-phone', '#spend');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when tabbing through the page, then focus reaches every control in reading order with a visible focus ring',
    async () => {
      const page = await newPage('laptop');
      await openWithKey(page, stack.gatewayUrl, demo.apiKey);
      // Reloaded with the key kept for the tab, nothing has focus: Tab starts at the top, as for a new visitor.
      await page.reload();
      await waitForSections(page);
      const visited: { name: string; outline: string }[] = [];
      // Up to the breakdown table: it scrolls on its own on narrow screens, so it takes focus too.
      while (visited.length < 30 && visited.at(-1)?.name !== 'Spend by cost center (table)') {
        await page.keyboard.press('Tab');
        visited.push(
          await page.evaluate(() => {
            const element = document.activeElement as HTMLElement;
            const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
            const style = getComputedStyle(element);
            return { name: (label ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
          }),
        );
      }
      // A date input takes one Tab per part (day, month, year, picker), so consecutive stops on one control count once.
      const names = visited.map((entry) => entry.name).filter((name, index, all) => name !== all[index - 1]);
      expect(names).toEqual([
        'Skip to content',
        'Forget key',
        'Spend',
        'Breakdown',
        'Budgets',
        'Forecast',
        'Group by',
        'From',
        'To',
        'This month',
        'Last 30 days',
        'Last 90 days',
        'Download CSV',
        'Download FOCUS',
        'Spend by cost center (table)',
      ]);
      for (const entry of visited) expect(`${entry.name}: ${entry.outline}`).toMatch(/: solid [1-9]/);

      // The controls work from the keyboard alone: pick "Team" in Group by and the table follows.
      await page.locator('#dimension').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await waitForSections(page);
      await expect(page.locator('[data-slot="breakdown"] thead th').first().textContent()).resolves.toBe('Team');
      await page.locator('#dimension').focus();
      await screenshot(page, 'keyboard-focus-laptop', '#controls');
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when an org has no traces yet, then each section says so and shows the curl for a first trace (without the key)',
    async () => {
      const empty = await createOrg(stack.gatewayUrl, `dashboard-empty-${randomUUID()}`);
      for (const viewport of ['laptop', 'phone'] as const) {
        const page = await newPage(viewport);
        await openWithKey(page, stack.gatewayUrl, empty.apiKey);
        const spend = page.locator('[data-slot="spend"]');
        await expect(spend.textContent()).resolves.toContain('No spend in this date range.');
        const curl = await spend.locator('pre').textContent();
        expect(curl).toContain(`curl -X POST ${stack.gatewayUrl}/api/v1/traces/ingest`);
        expect(curl).toContain('$FINOPS_API_KEY');
        expect(curl).not.toContain(empty.apiKey);
        await expect(page.locator('[data-slot="budgets"]').textContent()).resolves.toContain('No budget caps yet.');
        const forecast = page.locator('[data-slot="forecast"]');
        await expect(forecast.locator('[data-forecast]').getAttribute('data-forecast')).resolves.toBe('no-history');
        await expect(forecast.textContent()).resolves.toContain('No history to forecast from yet.');
        await expect(forecast.locator('pre').textContent()).resolves.toContain(`curl -X POST ${stack.gatewayUrl}/api/v1/traces/ingest`);
        await expect(forecast.locator('canvas').count()).resolves.toBe(0);
        await expect(forecast.textContent()).resolves.not.toContain('80% likely');
        await screenshot(page, `empty-${viewport}`);
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'when the key is revoked while the page is open, then the next load sends the person back to the key form with the reason',
    async () => {
      const org = await createOrg(stack.gatewayUrl, `dashboard-revoked-${randomUUID()}`);
      const page = await newPage('laptop');
      await openWithKey(page, stack.gatewayUrl, org.apiKey);
      const revoked = await fetch(`${stack.gatewayUrl}/api/v1/api-keys/${org.apiKeyId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${org.apiKey}` } });
      expect(revoked.status).toBeLessThan(300);

      await page.getByLabel('Group by').selectOption('project');
      await page.locator('#key-panel').waitFor({ state: 'visible' });
      await page.locator('#key-error', { hasText: /refused this key \(401\)/ }).waitFor();
      await expect(page.evaluate(() => sessionStorage.getItem('finops.apiKey'))).resolves.toBeNull();
      await screenshot(page, 'key-revoked-laptop');
    },
    TEST_TIMEOUT_MS,
  );
});
