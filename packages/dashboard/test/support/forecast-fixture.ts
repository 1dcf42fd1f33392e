/**
 * A month-end forecast as the forecast endpoint answers it (`CostForecastSchema` in contracts), for the current UTC
 * month: the page is shown it through a routed request, so the forecast view is tested whether or not this gateway
 * has the endpoint.
 */
export function forecastFixture(now: Date, options: { degraded: boolean; capLimitUsd: string; spentOnlyTodayUsd?: number; historyDays?: number }) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const today = now.toISOString().slice(0, 10);
  const days = (from: Date, to: Date) => {
    const list: string[] = [];
    for (let day = from.getTime(); day < to.getTime(); day += 86_400_000) list.push(new Date(day).toISOString().slice(0, 10));
    return list;
  };
  const todayStart = new Date(Date.parse(`${today}T00:00:00Z`));
  const past = days(start, todayStart);
  // The series covers 60 complete days, like the gateway's zero-filled one; only the last `historyDays` have spend.
  const seriesDays = days(new Date(todayStart.getTime() - 60 * 86_400_000), todayStart);
  const ahead = days(new Date(Date.parse(`${today}T00:00:00Z`)), end);
  // A new org: nothing on the complete days, everything today (the series then holds only zeros).
  const historyDays = options.spentOnlyTodayUsd !== undefined ? 0 : (options.historyDays ?? seriesDays.length);
  const spent = options.spentOnlyTodayUsd ?? past.length * 17.5;
  const projected = spent + ahead.length * 18;
  return {
    asOf: now.toISOString(),
    scope: { dimension: 'org', value: null, budgetId: null },
    period: { start: start.toISOString(), end: end.toISOString() },
    currency: 'USD',
    spentToDateUsd: spent.toFixed(2),
    projectedUsd: projected.toFixed(2),
    interval: options.degraded ? null : { p10: (projected - ahead.length * 4).toFixed(2), p50: projected.toFixed(2), p90: (projected + ahead.length * 5).toFixed(2) },
    caps: [{ id: 'cap-org', name: 'Whole org', limitUsd: options.capLimitUsd, breachProbability: options.degraded ? null : 0.12 }],
    daily: options.degraded ? [] : ahead.map((date) => ({ date, meanUsd: '18.00', lower80: '14.00', upper80: '23.00', lower95: '11.00', upper95: '27.00' })),
    model: options.degraded ? null : { name: 'ETS(A,N,A)' },
    degraded: options.degraded,
    degradedReason: options.degraded ? 'timeout: the forecaster did not answer within 2000 ms' : null,
    lookbackDays: 90,
    series: seriesDays.map((date, index) => ({ date, costUsd: index < seriesDays.length - historyDays ? '0' : index % 7 < 5 ? '21.5' : '7.5' })),
  };
}
