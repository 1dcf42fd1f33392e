import type { ReportDimension } from '@finops/contracts';
import type { CostForecast } from './api/api-types';
import { ApiError, DashboardApi } from './api/dashboard-api';
import { byId, h, show, slot } from './dom';
import { presetRange, utcToday, type DateRange } from './model/date-range';
import { hasNoSpendHistory, historyDays } from './model/forecast-history';
import { forgetSessionKey, readSessionKey, saveSessionKey } from './session-key';
import { renderBreakdown } from './views/breakdown-view';
import { renderBudgets } from './views/budgets-view';
import { renderControls } from './views/controls-view';
import { renderForecast, renderForecastUnavailable, renderNoForecastHistory } from './views/forecast-view';
import { renderKeyForm } from './views/key-view';
import { renderSpend } from './views/spend-view';
import { showError, showLoading, showNoSpend, showNothingToBreakDown } from './views/states';

const REFUSED_KEY = 'The gateway refused this key (401): it may be mistyped or revoked. Paste a valid key.';

/**
 * The page's controller: which key, dimension and range are in use, and which sections to (re)load. A load that an
 * earlier change has overtaken is dropped, so a slow answer never overwrites a newer one.
 */
export class DashboardApp {
  private api: DashboardApi | null = null;
  private dimension: ReportDimension = 'costCenter';
  private readonly today = utcToday(new Date());
  private range: DateRange = presetRange('last-30', this.today);
  /** Per section, the number of the latest load; an answer for an older one is dropped. */
  private readonly loads = new Map<string, number>();
  private readonly origin = window.location.origin;
  private forecastRequest: { api: DashboardApi; answer: Promise<CostForecast | null> } | null = null;

  start(): void {
    const key = readSessionKey();
    if (key) this.open(key);
    else this.askForKey();
  }

  private askForKey(message?: string): void {
    this.api = null;
    byId('dashboard').hidden = true;
    byId('key-panel').hidden = false;
    show(byId('session'));
    renderKeyForm(byId('key-slot'), { message, onKey: (key) => this.tryKey(key) });
  }

  /** Checks the key with one cheap call; keeps it only when the gateway accepts it. */
  private async tryKey(key: string): Promise<string | null> {
    try {
      await new DashboardApi(key).budgetStatus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return REFUSED_KEY;
      if (!(error instanceof ApiError)) return 'The gateway did not answer. Check that it is running (npm start), then try again.';
    }
    saveSessionKey(key);
    this.open(key);
    byId('main').focus();
    return null;
  }

  private open(key: string): void {
    this.api = new DashboardApi(key);
    byId('key-panel').hidden = true;
    byId('dashboard').hidden = false;
    show(
      byId('session'),
      h('span', { class: 'hint' }, 'Key kept for this tab'),
      h('button', { type: 'button', class: 'button button-small', onclick: () => this.signOut() }, 'Forget key'),
    );
    renderControls(byId('controls'), {
      dimension: this.dimension,
      range: this.range,
      today: this.today,
      onChange: (dimension, range) => {
        this.dimension = dimension;
        this.range = range;
        void this.loadReports();
      },
      onDownload: (format) => this.download(format),
    });
    void this.loadReports();
    void this.loadBudgets();
    void this.loadForecast();
  }

  private signOut(message?: string): void {
    forgetSessionKey();
    this.askForKey(message);
  }

  /** Runs one section's load; a refused key sends the whole page back to the key form. */
  private async section(name: string, what: string, load: (api: DashboardApi, current: () => boolean) => Promise<void>): Promise<void> {
    const api = this.api;
    if (!api) return;
    const number = (this.loads.get(name) ?? 0) + 1;
    this.loads.set(name, number);
    const current = (): boolean => this.loads.get(name) === number && this.api === api;
    const container = slot(name);
    showLoading(container, what);
    try {
      await load(api, current);
    } catch (error) {
      if (!current()) return;
      if (error instanceof ApiError && error.status === 401) {
        this.signOut(REFUSED_KEY);
        return;
      }
      showError(container, what, error, () => void this.section(name, what, load));
    }
  }

  private loadReports(): Promise<void> {
    const { dimension, range } = this;
    const reports = Promise.all([this.api?.report({ groupBy: dimension, range, granularity: 'day' }), this.api?.report({ groupBy: dimension, range })]);
    // Both sections show the same two answers; the one request pair serves both.
    reports.catch(() => undefined);
    const spend = this.section('spend', 'daily spend', async (_api, current) => {
      const [daily] = await reports;
      if (!current() || !daily) return;
      if (daily.traceCount === 0) showNoSpend(slot('spend'), this.origin);
      else renderSpend(slot('spend'), daily, dimension);
    });
    const breakdown = this.section('breakdown', 'the breakdown', async (_api, current) => {
      const [, total] = await reports;
      if (!current() || !total) return;
      if (total.traceCount === 0) showNothingToBreakDown(slot('breakdown'));
      else renderBreakdown(slot('breakdown'), total, dimension);
    });
    return Promise.all([spend, breakdown]).then(() => undefined);
  }

  private loadBudgets(): Promise<void> {
    return this.section('budgets', 'budget caps', async (api, current) => {
      // The org's history length decides whether breach probabilities mean anything; without a forecast it is unknown.
      const history = this.forecastOf(api).then(
        (forecast) => (forecast?.series ? historyDays(forecast.series, forecast.asOf) : null),
        () => null,
      );
      const [status, days] = await Promise.all([api.budgetStatus(), history]);
      if (current()) renderBudgets(slot('budgets'), status.budgets, this.origin, days);
    });
  }

  /** One forecast request serves both sections that read it; a failed one is forgotten, so a retry asks again. */
  private forecastOf(api: DashboardApi): Promise<CostForecast | null> {
    if (this.forecastRequest?.api !== api) {
      const answer = api.forecast();
      answer.catch(() => {
        if (this.forecastRequest?.answer === answer) this.forecastRequest = null;
      });
      this.forecastRequest = { api, answer };
    }
    return this.forecastRequest.answer;
  }

  private loadForecast(): Promise<void> {
    return this.section('forecast', 'the forecast', async (api, current) => {
      const forecast = await this.forecastOf(api);
      if (!current()) return;
      if (!forecast) {
        renderForecastUnavailable(slot('forecast'));
        return;
      }
      const actuals = forecast.series ?? (await this.periodActuals(api, forecast));
      if (!current()) return;
      if (hasNoSpendHistory(forecast, actuals)) renderNoForecastHistory(slot('forecast'), this.origin);
      else renderForecast(slot('forecast'), forecast, actuals);
    });
  }

  /** Daily totals of the forecast's period from the report API, when the forecast came without its series. */
  private async periodActuals(api: DashboardApi, forecast: CostForecast): Promise<{ date: string; costUsd: string }[]> {
    const from = forecast.period.start.slice(0, 10);
    const to = forecast.asOf.slice(0, 10);
    if (to < from) return [];
    const report = await api.report({ groupBy: 'costCenter', range: { from, to }, granularity: 'day' });
    return (report.periods ?? []).map((entry) => ({ date: entry.period.from, costUsd: entry.totalUsd }));
  }

  private async download(format: 'csv' | 'focus'): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const { blob, filename } = await api.download({ groupBy: this.dimension, range: this.range, format });
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled; the blob URL is not needed after that.
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.signOut(REFUSED_KEY);
        return;
      }
      throw error;
    }
  }
}
