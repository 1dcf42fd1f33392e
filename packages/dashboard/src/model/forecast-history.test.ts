import type { CostForecast } from '../api/api-types';
import { hasNoSpendHistory, historyDays, isZeroAmount, MIN_HISTORY_DAYS, probabilityCaveat } from './forecast-history';

const day = (date: string, costUsd: string) => ({ date, costUsd });

describe('forecast history', () => {
  test('when amounts are read as text, then only all-zero strings are zero, however small the rest', () => {
    expect(isZeroAmount('0')).toBe(true);
    expect(isZeroAmount('0.000000')).toBe(true);
    expect(isZeroAmount('0.000000000001')).toBe(false);
    expect(isZeroAmount('10')).toBe(false);
  });

  test('when the series starts with zero-filled days, then history counts from the first day with spend through yesterday', () => {
    const series = [day('2026-11-25', '0'), day('2026-11-26', '0'), day('2026-11-27', '1.5'), day('2026-11-28', '0'), day('2026-11-29', '2')];
    // As of 30 Nov: 27, 28 and 29 Nov are complete days since the first spend (28 Nov's zero counts: it is a real day).
    expect(historyDays(series, '2026-11-30T08:00:00.000Z')).toBe(3);
    expect(historyDays(series.slice(0, 2), '2026-11-30T08:00:00.000Z')).toBe(0);
    // Today's own point, if a series had one, is partial and not history.
    expect(historyDays([day('2026-11-30', '5')], '2026-11-30T08:00:00.000Z')).toBe(0);
  });

  test('when there is no spend in the history nor this period, then there is nothing to forecast from', () => {
    const forecast = { spentToDateUsd: '0' } as CostForecast;
    expect(hasNoSpendHistory(forecast, [day('2026-11-01', '0'), day('2026-11-02', '0.000000')])).toBe(true);
    expect(hasNoSpendHistory(forecast, [day('2026-11-01', '0.0035')])).toBe(false);
    expect(hasNoSpendHistory({ spentToDateUsd: '0.01' } as CostForecast, [])).toBe(false);
  });

  test('when the history is shorter than a week or the forecast is degraded, then the probability is not printed and the page says why', () => {
    expect(MIN_HISTORY_DAYS).toBe(7);
    expect(probabilityCaveat({ degraded: false, historyDays: 6 })).toBe('not estimated yet: 6 complete days of history, 7 needed');
    expect(probabilityCaveat({ degraded: false, historyDays: 1 })).toBe('not estimated yet: 1 complete day of history, 7 needed');
    expect(probabilityCaveat({ degraded: true, historyDays: 90 })).toBe('not estimated: the forecast is degraded (a run-rate estimate)');
    expect(probabilityCaveat({ degraded: false, historyDays: 7 })).toBeNull();
    expect(probabilityCaveat({ degraded: false, historyDays: null })).toBeNull();
  });
});
