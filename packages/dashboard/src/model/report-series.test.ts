import type { ChargebackReport, ReportRow } from '@finops/contracts';
import { OTHER_LABEL, UNATTRIBUTED_LABEL, toBreakdown, toDailyStacked } from './report-series';

const measures = (spendUsd: string, spendUsdRounded: string, shareOfTotal: string | null, traceCount = 1) => ({
  spendUsd,
  spendUsdRounded,
  shareOfTotal,
  traceCount,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  unsplitTokens: 0,
  unpricedTraceCount: 0,
  unpricedTokens: 0,
});

const day = (date: string) => ({ from: date, to: date });

function report(rows: ReportRow[], unattributed: { spendUsd: string; byPeriod?: { date: string; spendUsd: string }[] }, days?: string[]): ChargebackReport {
  return {
    period: { from: days?.[0] ?? '2026-11-01', to: days?.at(-1) ?? '2026-11-30' },
    groupBy: ['team'],
    granularity: days ? 'day' : 'total',
    filters: {},
    currency: 'USD',
    totalUsd: '10',
    totalUsdRounded: '10.00',
    traceCount: 9,
    ...(days ? { periods: days.map((date) => ({ period: day(date), totalUsd: '0' })) } : {}),
    rows,
    unattributed: {
      label: 'unattributed',
      description: 'Spend without a value for team',
      ...measures(unattributed.spendUsd, unattributed.spendUsd, '0.100000', unattributed.spendUsd === '0' ? 0 : 2),
      ...(unattributed.byPeriod ? { byPeriod: unattributed.byPeriod.map((entry) => ({ period: day(entry.date), ...measures(entry.spendUsd, entry.spendUsd, null) })) } : {}),
    },
    unpriced: { traceCount: 0, tokens: 0, byModel: [] },
    coverage: { attributedUsd: '9', unattributedUsd: unattributed.spendUsd, attributedShare: '0.900000' },
  };
}

describe('daily stacked series', () => {
  const days = ['2026-11-01', '2026-11-02', '2026-11-03'];

  test('when a day report is shaped, then each group gets a value for every day (0 where it spent nothing), largest first, unattributed last', () => {
    const stacked = toDailyStacked(
      report(
        [
          { team: 'sales', period: day('2026-11-01'), ...measures('1.5', '1.50', null) },
          { team: 'support', period: day('2026-11-01'), ...measures('0.5', '0.50', null) },
          { team: 'support', period: day('2026-11-03'), ...measures('4', '4.00', null) },
        ],
        { spendUsd: '1', byPeriod: [{ date: '2026-11-02', spendUsd: '1' }] },
        days,
      ),
      'team',
    );
    expect(stacked.days).toEqual(days);
    expect(stacked.series).toEqual([
      { label: 'support', kind: 'group', values: [0.5, 0, 4] },
      { label: 'sales', kind: 'group', values: [1.5, 0, 0] },
      { label: UNATTRIBUTED_LABEL, kind: 'unattributed', values: [0, 1, 0] },
    ]);
  });

  test('when there are more groups than colours, then the smallest are folded into one "other" series', () => {
    const rows = ['a', 'b', 'c', 'd'].map((team, index) => ({ team, period: day('2026-11-01'), ...measures(String(10 - index), '0.00', null) }));
    const stacked = toDailyStacked(report(rows, { spendUsd: '0' }, days), 'team', 3);
    expect(stacked.series.map((series) => series.label)).toEqual(['a', 'b', OTHER_LABEL]);
    expect(stacked.series[2]!.values).toEqual([8 + 7, 0, 0]);
  });
});

describe('breakdown table', () => {
  test('when a total report is shaped, then the lines are the API rows in order with the unattributed line last, amounts untouched', () => {
    const breakdown = toBreakdown(
      report([{ team: 'support', ...measures('6.004', '6.00', '0.600400', 5) }, { team: 'sales', ...measures('2.996', '3.00', '0.299600', 2) }], { spendUsd: '1' }),
      'team',
    );
    expect(breakdown.lines.map((line) => [line.label, line.kind, line.spendUsdRounded, line.shareOfTotal, line.traceCount])).toEqual([
      ['support', 'group', '6.00', '0.600400', 5],
      ['sales', 'group', '3.00', '0.299600', 2],
      [UNATTRIBUTED_LABEL, 'unattributed', '1', '0.100000', 2],
    ]);
    expect(breakdown.attributedShare).toBe('0.900000');
    expect(breakdown.totalUsd).toBe('10');
    expect(breakdown.totalUsdRounded).toBe('10.00');
  });

  test('when nothing is unattributed, then there is no unattributed line', () => {
    expect(toBreakdown(report([{ team: 'x', ...measures('10', '10.00', '1.000000') }], { spendUsd: '0' }), 'team').lines).toHaveLength(1);
  });
});
