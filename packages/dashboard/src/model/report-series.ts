import type { ChargebackReport, ReportDimension, ReportRow } from '@finops/contracts';
import { toChartNumber } from './format';

/** Groups beyond this many are drawn as one "other" series, so the stacked chart stays readable. */
export const MAX_SERIES = 7;

export const UNATTRIBUTED_LABEL = 'unattributed';
export const OTHER_LABEL = 'other';

export interface StackedSeries {
  label: string;
  kind: 'group' | 'other' | 'unattributed';
  /** One value per day of `days`, in USD (chart geometry only). */
  values: number[];
}

export interface DailyStacked {
  days: string[];
  series: StackedSeries[];
}

function groupKey(row: ReportRow, dimension: ReportDimension): string {
  return row[dimension] ?? '';
}

/**
 * A `granularity=day` report grouped by one dimension → one series per group (largest spend first, the smallest
 * folded into "other" beyond MAX_SERIES) plus the unattributed series, each with a value for every day of the range.
 */
export function toDailyStacked(report: ChargebackReport, dimension: ReportDimension, maxSeries: number = MAX_SERIES): DailyStacked {
  const days = (report.periods ?? []).map((entry) => entry.period.from);
  const dayIndex = new Map(days.map((day, index) => [day, index]));

  const totals = new Map<string, number>();
  for (const row of report.rows) totals.set(groupKey(row, dimension), (totals.get(groupKey(row, dimension)) ?? 0) + toChartNumber(row.spendUsd));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const needsOther = ranked.length > maxSeries;
  const shown = needsOther ? ranked.slice(0, maxSeries - 1) : ranked;

  const series: StackedSeries[] = shown.map((label) => ({ label, kind: 'group', values: days.map(() => 0) }));
  const other: StackedSeries = { label: OTHER_LABEL, kind: 'other', values: days.map(() => 0) };
  const byLabel = new Map(series.map((entry) => [entry.label, entry]));
  for (const row of report.rows) {
    const index = row.period ? dayIndex.get(row.period.from) : undefined;
    if (index === undefined) continue;
    const target = byLabel.get(groupKey(row, dimension)) ?? other;
    target.values[index]! += toChartNumber(row.spendUsd);
  }
  if (needsOther) series.push(other);

  const unattributed: StackedSeries = { label: UNATTRIBUTED_LABEL, kind: 'unattributed', values: days.map(() => 0) };
  for (const entry of report.unattributed.byPeriod ?? []) {
    const index = dayIndex.get(entry.period.from);
    if (index !== undefined) unattributed.values[index]! += toChartNumber(entry.spendUsd);
  }
  if (unattributed.values.some((value) => value > 0)) series.push(unattributed);
  return { days, series };
}

export interface BreakdownLine {
  label: string;
  kind: 'group' | 'unattributed';
  spendUsd: string;
  /** To the cent; the lines add up exactly to the total (the API allocates the cents). */
  spendUsdRounded: string;
  shareOfTotal: string | null;
  traceCount: number;
  unpricedTraceCount: number;
}

export interface Breakdown {
  lines: BreakdownLine[];
  totalUsd: string;
  totalUsdRounded: string;
  traceCount: number;
  /** Share of spend carrying the grouped tag; null when there is no spend. */
  attributedShare: string | null;
  unattributedUsd: string;
  unpricedTraceCount: number;
}

/** A `granularity=total` report → the table lines (largest first, the API's order) with the unattributed line last. */
export function toBreakdown(report: ChargebackReport, dimension: ReportDimension): Breakdown {
  const lines: BreakdownLine[] = report.rows.map((row) => ({
    label: groupKey(row, dimension),
    kind: 'group',
    spendUsd: row.spendUsd,
    spendUsdRounded: row.spendUsdRounded,
    shareOfTotal: row.shareOfTotal,
    traceCount: row.traceCount,
    unpricedTraceCount: row.unpricedTraceCount,
  }));
  const { unattributed } = report;
  if (unattributed.traceCount > 0) {
    lines.push({
      label: UNATTRIBUTED_LABEL,
      kind: 'unattributed',
      spendUsd: unattributed.spendUsd,
      spendUsdRounded: unattributed.spendUsdRounded,
      shareOfTotal: unattributed.shareOfTotal,
      traceCount: unattributed.traceCount,
      unpricedTraceCount: unattributed.unpricedTraceCount,
    });
  }
  return {
    lines,
    totalUsd: report.totalUsd,
    totalUsdRounded: report.totalUsdRounded,
    traceCount: report.traceCount,
    attributedShare: report.coverage.attributedShare,
    unattributedUsd: report.coverage.unattributedUsd,
    unpricedTraceCount: report.unpriced.traceCount,
  };
}
