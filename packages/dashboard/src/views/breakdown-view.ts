import type { ChargebackReport, ReportDimension } from '@finops/contracts';
import { drawBreakdown } from '../charts';
import { h, show } from '../dom';
import { dimensionLabel } from '../model/dimensions';
import { formatCount, formatCountOf, formatShare, formatUsd, formatUsdLine, roundingNote } from '../model/format';
import { toBreakdown, type Breakdown } from '../model/report-series';
import { chartFrame } from './chart-frame';
import { doneLoading } from './states';

function coverage(breakdown: Breakdown, dimension: ReportDimension): HTMLElement {
  const share = breakdown.attributedShare;
  const percent = share === null ? 0 : Number(share) * 100;
  const name = dimensionLabel(dimension).toLowerCase();
  return h(
    'div',
    { class: 'coverage' },
    h(
      'p',
      { id: 'coverage-label' },
      h('strong', {}, `Attribution coverage: ${formatShare(share)}`),
      ` of the spend carries a ${name}; ${formatUsd(breakdown.unattributedUsd)} is unattributed.`,
    ),
    h(
      'div',
      { class: 'meter', role: 'meter', 'aria-labelledby': 'coverage-label', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent.toFixed(1) },
      h('div', { class: 'meter-fill meter-coverage', style: `width: ${percent.toFixed(2)}%` }),
    ),
  );
}

function table(breakdown: Breakdown, dimension: ReportDimension): HTMLElement {
  const label = dimensionLabel(dimension);
  const rows = breakdown.lines.map((line) =>
    h(
      'tr',
      { class: line.kind === 'unattributed' ? 'row-unattributed' : undefined },
      h('th', { scope: 'row' }, line.kind === 'unattributed' ? h('em', {}, `unattributed (no ${label.toLowerCase()})`) : line.label),
      h('td', { class: 'num', title: roundingNote(line.spendUsd) }, formatUsdLine(line.spendUsd, line.spendUsdRounded)),
      h('td', { class: 'num' }, formatShare(line.shareOfTotal)),
      h('td', { class: 'num' }, formatCount(line.traceCount)),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': `Spend by ${label.toLowerCase()} (table)`, tabindex: 0 },
    h(
      'table',
      { class: 'data-table' },
      h('caption', {}, `Spend by ${label.toLowerCase()}, rounded to the cent so the lines add up to the total (amounts under a cent keep two significant digits; hover an amount for the exact figure)`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, label), h('th', { scope: 'col', class: 'num' }, 'Spend'), h('th', { scope: 'col', class: 'num' }, 'Share'), h('th', { scope: 'col', class: 'num' }, 'Traces'))),
      h('tbody', {}, ...rows),
      h(
        'tfoot',
        {},
        h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', { class: 'num', title: roundingNote(breakdown.totalUsd) }, formatUsdLine(breakdown.totalUsd, breakdown.totalUsdRounded)), h('td', { class: 'num' }, breakdown.lines.length > 0 ? '100.0%' : '–'), h('td', { class: 'num' }, formatCount(breakdown.traceCount))),
      ),
    ),
  );
}

/** The chargeback view: who spent what in the range, with the unattributed line and how much carries the tag. */
export function renderBreakdown(container: HTMLElement, report: ChargebackReport, dimension: ReportDimension): void {
  doneLoading(container);
  const heading = document.getElementById('breakdown-heading');
  if (heading) heading.textContent = `Breakdown by ${dimensionLabel(dimension).toLowerCase()}`;
  const breakdown = toBreakdown(report, dimension);
  const { frame, canvas } = chartFrame(`Spend by ${dimensionLabel(dimension).toLowerCase()} as horizontal bars; the table lists the figures.`, breakdown.lines.length > 8 ? 'tall' : 'short');
  show(
    container,
    coverage(breakdown, dimension),
    h('div', { class: 'breakdown-grid' }, frame, table(breakdown, dimension)),
    breakdown.unpricedTraceCount > 0
      ? h('p', { class: 'hint' }, `${formatCountOf(breakdown.unpricedTraceCount, 'trace')} used models without a price; ${breakdown.unpricedTraceCount === 1 ? 'it counts' : 'they count'} at $0 (see the "unpriced" part of the report).`)
      : null,
  );
  drawBreakdown(canvas, breakdown);
}
