import type { CostForecast } from '../api/api-types';
import { drawForecastCumulative, drawForecastDaily } from '../charts';
import { h, show } from '../dom';
import { formatDay, formatPercent, formatUsd } from '../model/format';
import { historyDays, probabilityCaveat } from '../model/forecast-history';
import { periodLastDay, toForecastCumulative, toForecastDaily } from '../model/forecast-series';
import { chartFrame } from './chart-frame';
import { doneLoading, firstTraceCurl } from './states';

/** A forecast section with nothing to draw: what the state is, and what to do about it. */
function showForecastState(container: HTMLElement, state: string, ...children: HTMLElement[]): void {
  doneLoading(container);
  show(container, h('div', { class: 'state state-empty', 'data-forecast': state }, ...children));
}

/** An org without spend: a $0.00 projection over empty charts would read as a forecast of nothing. */
export function renderNoForecastHistory(container: HTMLElement, origin: string): void {
  showForecastState(
    container,
    'no-history',
    h('p', {}, h('strong', {}, 'No history to forecast from yet.'), ' The forecast learns from daily spend, and this org has none so far. Send traces (a first one below) and the projection shows here; chances of passing a cap need a week of history.'),
    h('pre', { class: 'code', tabindex: 0, 'aria-label': 'Command to send a first trace' }, h('code', {}, firstTraceCurl(origin))),
  );
}

export function renderForecastUnavailable(container: HTMLElement): void {
  showForecastState(
    container,
    'unavailable',
    h('p', {}, h('strong', {}, 'Forecast not available.'), ' This gateway has no month-end forecast endpoint (GET /api/v1/cost/forecast answered 404).'),
    h('p', { class: 'hint' }, 'Reports and budget caps above are not affected. Update the gateway to a version with the forecast to see the projection here.'),
  );
}

function headline(forecast: CostForecast): HTMLElement {
  const byDay = formatDay(periodLastDay(forecast));
  return h(
    'div',
    { class: 'forecast-headline' },
    h(
      'p',
      { class: 'summary' },
      h('span', { class: 'figure', 'data-figure': 'projected' }, formatUsd(forecast.projectedUsd)),
      ` projected by ${byDay}`,
      forecast.interval ? h('span', { class: 'interval' }, ` (80% likely between ${formatUsd(forecast.interval.p10)} and ${formatUsd(forecast.interval.p90)})`) : null,
    ),
    h('p', {}, `Spent so far this period: ${formatUsd(forecast.spentToDateUsd)}.`),
    forecast.degraded
      ? h(
          'p',
          { class: 'degraded', role: 'note' },
          h('span', { class: 'badge badge-degraded' }, 'Degraded'),
          ' The forecaster did not answer, so this is a run-rate estimate (spend so far plus the recent daily average) without bands or probabilities.',
          forecast.degradedReason ? h('span', { class: 'reason' }, ` Reason: ${forecast.degradedReason}.`) : null,
        )
      : null,
  );
}

function capList(forecast: CostForecast, actuals: readonly { date: string; costUsd: string }[]): HTMLElement | null {
  if (forecast.caps.length === 0) return null;
  const caveat = probabilityCaveat({ degraded: forecast.degraded, historyDays: historyDays(actuals, forecast.asOf) });
  return h(
    'ul',
    { class: 'cap-list', 'aria-label': 'Caps in this forecast' },
    ...forecast.caps.map((cap) =>
      h(
        'li',
        {},
        h('strong', {}, cap.name ?? 'Cap'),
        ` limit ${formatUsd(cap.limitUsd)} · `,
        `chance of passing it: ${caveat ?? (cap.breachProbability === null ? 'unknown' : formatPercent(cap.breachProbability))}`,
      ),
    ),
  );
}

/** Where the month ends: actual days, the forecast with its 80% and 95% bands, and the running total against the caps. */
export function renderForecast(container: HTMLElement, forecast: CostForecast, actuals: readonly { date: string; costUsd: string }[]): void {
  doneLoading(container);
  const daily = toForecastDaily(forecast, actuals);
  const cumulative = toForecastCumulative(forecast, daily);
  const dailyChart = chartFrame(
    forecast.daily.length > 0
      ? `Daily spend this period: actual days, then the forecast mean with 80% and 95% bands until ${formatDay(periodLastDay(forecast))}.`
      : 'Daily spend this period so far; no daily forecast (degraded).',
    'short',
  );
  const spent = cumulative.spentThrough ? `${formatUsd(forecast.spentToDateUsd)} spent through ${formatDay(cumulative.spentThrough)}, ` : '';
  const cumulativeChart = chartFrame(
    `Running total this period: ${spent}against ${forecast.caps.length} cap lines, projected to ${formatUsd(forecast.projectedUsd)}${forecast.interval ? ` with a p10–p90 range of ${formatUsd(forecast.interval.p10)} to ${formatUsd(forecast.interval.p90)}` : ''}.`,
    'short',
  );
  show(
    container,
    headline(forecast),
    h(
      'div',
      { class: 'forecast-grid', 'data-forecast': forecast.degraded ? 'degraded' : 'model' },
      h('figure', {}, dailyChart.frame, h('figcaption', {}, 'Daily spend and forecast')),
      h('figure', {}, cumulativeChart.frame, h('figcaption', {}, 'Running total against the caps')),
    ),
    capList(forecast, actuals),
  );
  drawForecastDaily(dailyChart.canvas, daily);
  drawForecastCumulative(cumulativeChart.canvas, cumulative);
}
