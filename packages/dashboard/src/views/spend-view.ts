import type { ChargebackReport, ReportDimension } from '@finops/contracts';
import { drawDailyStacked } from '../charts';
import { h, show } from '../dom';
import { dimensionLabel } from '../model/dimensions';
import { formatCountOf, formatDay, formatUsd, formatUsdLine, roundingNote } from '../model/format';
import { toDailyStacked } from '../model/report-series';
import { chartFrame } from './chart-frame';
import { doneLoading } from './states';

/** Daily spend in the range, stacked by the chosen dimension, with the unattributed spend as its own layer. */
export function renderSpend(container: HTMLElement, report: ChargebackReport, dimension: ReportDimension): void {
  doneLoading(container);
  const stacked = toDailyStacked(report, dimension);
  const range = `${formatDay(report.period.from)} – ${formatDay(report.period.to)}`;
  const { frame, canvas } = chartFrame(
    `Daily spend from ${range}, stacked by ${dimensionLabel(dimension).toLowerCase()}: ${stacked.series.map((series) => series.label).join(', ')}. ` +
      `Total ${formatUsd(report.totalUsd)}. The breakdown table lists the same spend by ${dimensionLabel(dimension).toLowerCase()}.`,
  );
  show(
    container,
    h(
      'p',
      { class: 'summary' },
      h('span', { class: 'figure', 'data-figure': 'total', title: roundingNote(report.totalUsd) }, formatUsdLine(report.totalUsd, report.totalUsdRounded)),
      ` spent ${range} · ${formatCountOf(report.traceCount, 'trace')}`,
    ),
    frame,
  );
  drawDailyStacked(canvas, stacked);
}
