import { reportLimits, type ChargebackReport, type ReportDimension, type ReportPeriod, type ReportRow } from '@finops/contracts';
import { REPORT_COUNT_KEYS } from './chargeback-report';
import { toCsv, type CsvColumn } from './csv-writer';

type Measures = Omit<ReportRow, ReportDimension | 'period'>;

interface CsvLine extends Measures {
  line: 'attributed' | 'unattributed' | 'total';
  group: Partial<Record<ReportDimension, string>>;
  period: ReportPeriod | undefined;
}

type Counts = Pick<Measures, (typeof REPORT_COUNT_KEYS)[number]>;

function columnsFor(report: ChargebackReport): CsvColumn<CsvLine>[] {
  return [
    { label: 'line', value: (line) => line.line },
    ...report.groupBy.map((dimension) => ({ label: dimension, value: (line: CsvLine) => line.group[dimension] })),
    ...(report.granularity === 'total'
      ? []
      : [
          { label: 'periodFrom', value: (line: CsvLine) => line.period?.from },
          { label: 'periodTo', value: (line: CsvLine) => line.period?.to },
        ]),
    { label: 'spendUsd', value: (line) => line.spendUsdRounded },
    { label: 'spendUsdExact', value: (line) => line.spendUsd },
    { label: 'shareOfTotal', value: (line) => line.shareOfTotal },
    ...REPORT_COUNT_KEYS.map((key) => ({ label: key, value: (line: CsvLine) => line[key] })),
  ];
}

/**
 * The report as CSV: one line per group (and period), the unattributed line (one per period that has any), and a
 * total line. `spendUsd` is to the cent with rounding remainders allocated so the lines add up exactly to the
 * total line; `spendUsdExact` keeps every stored decimal.
 */
export function chargebackCsv(report: ChargebackReport): string {
  const lines: CsvLine[] = [
    ...report.rows.map((row) => {
      const { period, ...rest } = row;
      const group = Object.fromEntries(report.groupBy.map((dimension) => [dimension, row[dimension]]));
      return { ...rest, line: 'attributed' as const, group, period };
    }),
    ...(report.unattributed.byPeriod ?? [report.unattributed]).map((entry) => ({
      ...entry,
      line: 'unattributed' as const,
      group: {},
      period: 'period' in entry ? entry.period : undefined,
    })),
    {
      line: 'total',
      group: {},
      period: undefined,
      spendUsd: report.totalUsd,
      spendUsdRounded: report.totalUsdRounded,
      shareOfTotal: report.totalUsd === '0' ? null : (1).toFixed(reportLimits.shareDecimalPlaces),
      ...(Object.fromEntries(REPORT_COUNT_KEYS.map((key) => [key, [...report.rows, report.unattributed].reduce((sum, line) => sum + line[key], 0)])) as Counts),
    },
  ];
  return toCsv(lines, columnsFor(report));
}

/** `chargeback-<groupBy>-<from>-<to>.csv`; several dimensions are joined with `_`. */
export function chargebackFilename(report: ChargebackReport): string {
  return `chargeback-${report.groupBy.join('_')}-${report.period.from}-${report.period.to}.csv`;
}
