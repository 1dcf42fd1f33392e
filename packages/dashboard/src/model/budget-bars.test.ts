import type { DashboardBudgetStatus } from '../api/api-types';
import { toBudgetBars } from './budget-bars';

function status(overrides: Partial<DashboardBudgetStatus>): DashboardBudgetStatus {
  return {
    budgetId: '00000000-0000-4000-8000-000000000001',
    name: null,
    dimension: 'costCenter',
    value: 'engineering',
    periodType: 'monthly',
    timezone: 'UTC',
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    spentUsd: '88',
    limitUsd: '100',
    remainingUsd: '12',
    utilization: 0.88,
    warnAt: [0.8],
    alertState: 'warning',
    warnThreshold: 0.8,
    alertStateSince: '2026-11-20T00:00:00.000Z',
    ...overrides,
  } as DashboardBudgetStatus;
}

describe('budget bars', () => {
  test('when a cap is in warning, then its bar is filled to its utilization, labelled, and titled by its scope', () => {
    const [bar] = toBudgetBars([status({})]);
    expect(bar).toMatchObject({ title: 'Cost center engineering · monthly', state: 'warning', stateLabel: 'Warning', fillPercent: 88, thresholdPercents: [80] });
    expect(bar!.projectedUsd).toBeNull();
    expect(bar!.breachProbability).toBeNull();
  });

  test('when a cap is past its limit, then the bar is full and the utilization still says by how much', () => {
    const [bar] = toBudgetBars([status({ alertState: 'exceeded', utilization: 1.25, spentUsd: '125' })]);
    expect(bar).toMatchObject({ fillPercent: 100, utilization: 1.25, stateLabel: 'Exceeded' });
  });

  test('when the forecast fields are present, then the projected month-end and breach probability are shown', () => {
    const [bar] = toBudgetBars([status({ alertState: 'projected_to_exceed', projectedUsd: '130.5', breachProbability: 0.91 })]);
    expect(bar).toMatchObject({ stateLabel: 'Forecast over limit', projectedUsd: '130.5', projectedPercent: 100, projectedBeyond: true, breachProbability: 0.91 });
    // 130.5 of a 100 limit: the marker sits at the bar's end, the ratio says how far beyond it really is.
    expect(bar!.projectedRatio).toBeCloseTo(1.305, 10);
    const [within] = toBudgetBars([status({ alertState: 'ok', utilization: 0.3, projectedUsd: '60', breachProbability: 0.02 })]);
    expect(within!.projectedPercent).toBeCloseTo(60, 10);
    expect(within!.projectedBeyond).toBe(false);
    const [atLimit] = toBudgetBars([status({ projectedUsd: '100' })]);
    expect(atLimit).toMatchObject({ projectedPercent: 100, projectedRatio: 1, projectedBeyond: false });
  });

  test('when the history is short or the cap’s forecast is degraded, then its probability carries a caveat instead', () => {
    const [short] = toBudgetBars([status({ projectedUsd: '100', breachProbability: 1 })], 3);
    expect(short!.probabilityCaveat).toBe('not estimated yet: 3 complete days of history, 7 needed');
    const [degraded] = toBudgetBars([status({ projectedUsd: '100', breachProbability: null, forecastDegraded: true })], 90);
    expect(degraded!.probabilityCaveat).toMatch(/degraded/);
    const [enough] = toBudgetBars([status({ projectedUsd: '100', breachProbability: 0.4, forecastDegraded: false })], 30);
    expect(enough!.probabilityCaveat).toBeNull();
    // Weekly and daily caps have no forecast at all: nothing to caveat.
    const [weekly] = toBudgetBars([status({ periodType: 'weekly' })], 3);
    expect(weekly!.probabilityCaveat).toBeNull();
  });

  test('when several caps are listed, then the most urgent come first, the fullest first within a state', () => {
    const bars = toBudgetBars([
      status({ budgetId: 'ok', alertState: 'ok', utilization: 0.5 }),
      status({ budgetId: 'warn-low', alertState: 'warning', utilization: 0.81 }),
      status({ budgetId: 'over', alertState: 'exceeded', utilization: 1.1 }),
      status({ budgetId: 'warn-high', alertState: 'warning', utilization: 0.95 }),
      status({ budgetId: 'org', dimension: 'org', value: null, name: 'Whole org', alertState: 'ok', utilization: 0.6 }),
    ]);
    expect(bars.map((bar) => bar.id)).toEqual(['over', 'warn-high', 'warn-low', 'org', 'ok']);
    expect(bars[3]!.title).toBe('Whole org');
    expect(bars[3]!.scope).toBe('Whole org · monthly');
  });
});
