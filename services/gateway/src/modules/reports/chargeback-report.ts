import type { ChargebackReport, ReportDimension, ReportGranularity, ReportPeriod, ReportRow, Unattributed } from '@finops/contracts';
import { reportLimits, toDateString } from '@finops/contracts';
import { Decimal } from '@finops/pricing';
import type { SpendRow } from '../spend/spend-query';
import { allocateRounded, allocateShares } from './largest-remainder';
import { periodOf, periodsOf, type DateRange } from './report-period';


/** Exact-match filters; null selects spend without that tag. */
export type ReportFilters = ChargebackReport['filters'];

export interface ChargebackRequest {
  range: DateRange;
  groupBy: ReportDimension[];
  granularity: ReportGranularity;
  filters: ReportFilters;
}

export interface UnpricedModel {
  modelId: string;
  traceCount: number;
  tokens: number;
}

/** The counts a report line carries besides its spend. */
export const REPORT_COUNT_KEYS = [
  'traceCount',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'unsplitTokens',
  'unpricedTraceCount',
  'unpricedTokens',
] as const satisfies readonly (keyof SpendRow)[];
type Counts = Pick<SpendRow, (typeof REPORT_COUNT_KEYS)[number]>;

/** Spend and counts of one line before rounding. */
interface Line extends Counts {
  spend: Decimal;
}

const countsOf = (source: Counts): Counts => ({
  traceCount: source.traceCount,
  inputTokens: source.inputTokens,
  outputTokens: source.outputTokens,
  cacheReadTokens: source.cacheReadTokens,
  cacheWriteTokens: source.cacheWriteTokens,
  unsplitTokens: source.unsplitTokens,
  unpricedTraceCount: source.unpricedTraceCount,
  unpricedTokens: source.unpricedTokens,
});
const NO_COUNTS = Object.fromEntries(REPORT_COUNT_KEYS.map((key) => [key, 0])) as Counts;
const emptyLine = (): Line => ({ spend: new Decimal(0), ...NO_COUNTS });
const fromSpendRow = (row: SpendRow): Line => ({ spend: new Decimal(row.spendUsd), ...countsOf(row) });

function addInto(target: Line, line: Line): void {
  target.spend = target.spend.add(line.spend);
  for (const key of REPORT_COUNT_KEYS) target[key] += line[key];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface GroupLine {
  group: Partial<Record<ReportDimension, string>>;
  period: ReportPeriod | undefined;
  line: Line;
}

/** By period, then the largest spend first, then the group values: the order rounding ties are broken in. */
function compareGroupLines(groupBy: ReportDimension[]) {
  return (a: GroupLine, b: GroupLine): number =>
    compareText(a.period?.from ?? '', b.period?.from ?? '') ||
    b.line.spend.comparedTo(a.line.spend) ||
    groupBy.reduce((order, dimension) => order || compareText(a.group[dimension]!, b.group[dimension]!), 0);
}

type ApiMeasures = Omit<ReportRow, ReportDimension | 'period'>;

/** The wire form of a line, with its share of the total and its amount rounded to the cent (allocated). */
function toApiMeasures(line: Line, roundedUsd: string, share: string | null): ApiMeasures {
  return { spendUsd: line.spend.toFixed(), spendUsdRounded: roundedUsd, shareOfTotal: share, ...countsOf(line) };
}

/**
 * The chargeback report from the spend rows of one SpendRepository query (grouped by `groupBy`, bucketed by the
 * granularity). A row needs a value for every grouped dimension; spend lacking any of them is the unattributed
 * line, so rows + unattributed = total exactly. Rounded amounts and shares are allocated over all lines together
 * (largest remainder), so the printed lines also add up exactly to the printed total and to 1.
 */
export function buildChargebackReport(request: ChargebackRequest, spendRows: readonly SpendRow[], unpricedByModel: UnpricedModel[]): ChargebackReport {
  const { range, groupBy, granularity } = request;
  const periodOfRow = (row: SpendRow): ReportPeriod | undefined =>
    granularity === 'total' ? undefined : periodOf(toDateString(row.bucketStart!), granularity, range);

  const total = emptyLine();
  const groups: GroupLine[] = [];
  const unattributedByPeriod = new Map<string, { period: ReportPeriod | undefined; line: Line }>();
  for (const row of spendRows) {
    const line = fromSpendRow(row);
    const period = periodOfRow(row);
    addInto(total, line);
    if (groupBy.every((dimension) => row.group[dimension] !== null && row.group[dimension] !== undefined)) {
      groups.push({ group: row.group as Record<ReportDimension, string>, period, line });
      continue;
    }
    const key = period?.from ?? '';
    const entry = unattributedByPeriod.get(key) ?? { period, line: emptyLine() };
    addInto(entry.line, line);
    unattributedByPeriod.set(key, entry);
  }
  groups.sort(compareGroupLines(groupBy));
  const unattributedLines = [...unattributedByPeriod.entries()].sort(([a], [b]) => compareText(a, b)).map(([, entry]) => entry);

  const allLines = [...groups.map((group) => group.line), ...unattributedLines.map((entry) => entry.line)];
  const money = allocateRounded(allLines.map((line) => line.spend), 2);
  const shares = allocateShares(allLines.map((line) => line.spend), reportLimits.shareDecimalPlaces);
  const shareAt = (index: number) => shares?.[index] ?? null;
  const sumOf = (values: (string | null)[], places: number) => values.reduce((sum, value) => sum.add(value ?? 0), new Decimal(0)).toFixed(places);

  const rows: ReportRow[] = groups.map(({ group, period, line }, index) => ({
    ...Object.fromEntries(groupBy.map((dimension) => [dimension, group[dimension]])),
    ...(period ? { period } : {}),
    ...toApiMeasures(line, money.parts[index]!, shareAt(index)),
  }));

  const unattributedLine = emptyLine();
  for (const entry of unattributedLines) addInto(unattributedLine, entry.line);
  const unattributedIndexes = unattributedLines.map((_, i) => groups.length + i);
  const unattributedShares = unattributedIndexes.map(shareAt);
  const unattributed: Unattributed = {
    label: 'unattributed',
    description: `Spend without a value for ${groupBy.join(' or ')}`,
    ...toApiMeasures(
      unattributedLine,
      sumOf(unattributedIndexes.map((index) => money.parts[index]!), 2),
      shares ? sumOf(unattributedShares, reportLimits.shareDecimalPlaces) : null,
    ),
    ...(granularity === 'total'
      ? {}
      : {
          byPeriod: unattributedLines.map((entry, i) => ({
            period: entry.period!,
            ...toApiMeasures(entry.line, money.parts[unattributedIndexes[i]!]!, unattributedShares[i]!),
          })),
        }),
  };

  const attributedUsd = total.spend.sub(unattributedLine.spend);
  return {
    period: range,
    groupBy,
    granularity,
    filters: request.filters,
    currency: 'USD',
    totalUsd: total.spend.toFixed(),
    totalUsdRounded: money.total,
    traceCount: total.traceCount,
    ...(granularity === 'total' ? {} : { periods: periodTotals(range, granularity, groups, unattributedLines) }),
    rows,
    unattributed,
    unpriced: { traceCount: total.unpricedTraceCount, tokens: total.unpricedTokens, byModel: unpricedByModel },
    coverage: {
      attributedUsd: attributedUsd.toFixed(),
      unattributedUsd: unattributedLine.spend.toFixed(),
      attributedShare: shares ? sumOf(rows.map((row) => row.shareOfTotal), reportLimits.shareDecimalPlaces) : null,
    },
  };
}

function periodTotals(
  range: DateRange,
  granularity: Exclude<ReportGranularity, 'total'>,
  groups: GroupLine[],
  unattributed: { period: ReportPeriod | undefined; line: Line }[],
): { period: ReportPeriod; totalUsd: string }[] {
  const totals = new Map<string, Decimal>();
  for (const { period, line } of [...groups, ...unattributed]) {
    totals.set(period!.from, (totals.get(period!.from) ?? new Decimal(0)).add(line.spend));
  }
  return periodsOf(range, granularity).map((period) => ({ period, totalUsd: (totals.get(period.from) ?? new Decimal(0)).toFixed() }));
}
