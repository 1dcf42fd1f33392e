import type { ReportDimension } from '@finops/contracts';
import { h, show } from '../dom';
import { RANGE_PRESETS, presetRange, rangeProblem, type DateRange } from '../model/date-range';
import { DIMENSIONS, isReportDimension } from '../model/dimensions';

export interface ControlsOptions {
  dimension: ReportDimension;
  range: DateRange;
  today: string;
  onChange: (dimension: ReportDimension, range: DateRange) => void;
  onDownload: (format: 'csv' | 'focus') => Promise<void>;
}

/** Group-by, the date range (with presets) and the two export buttons; every change reloads the reports. */
export function renderControls(container: HTMLElement, options: ControlsOptions): void {
  const select = h('select', { id: 'dimension', name: 'dimension' }, ...DIMENSIONS.map((dimension) => h('option', { value: dimension.id, selected: dimension.id === options.dimension }, dimension.label)));
  const from = h('input', { id: 'from', name: 'from', type: 'date', value: options.range.from, max: options.today, required: true });
  const to = h('input', { id: 'to', name: 'to', type: 'date', value: options.range.to, max: options.today, required: true });
  const problem = h('p', { id: 'range-problem', class: 'field-error', role: 'alert' });
  const downloadStatus = h('p', { id: 'download-status', class: 'hint', role: 'status' });

  const emit = (): void => {
    const range = { from: from.value, to: to.value };
    const message = rangeProblem(range);
    problem.textContent = message ?? '';
    from.setAttribute('aria-invalid', String(message !== null));
    to.setAttribute('aria-invalid', String(message !== null));
    if (message === null && isReportDimension(select.value)) options.onChange(select.value, range);
  };
  select.addEventListener('change', emit);
  from.addEventListener('change', emit);
  to.addEventListener('change', emit);

  const presets = RANGE_PRESETS.map((preset) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button button-small',
        onclick: () => {
          const range = presetRange(preset.id, options.today);
          from.value = range.from;
          to.value = range.to;
          emit();
        },
      },
      preset.label,
    ),
  );

  const downloadButton = (format: 'csv' | 'focus', label: string, description: string): HTMLElement => {
    const button = h('button', { type: 'button', class: 'button', 'aria-describedby': `download-${format}-help` }, label);
    button.addEventListener('click', () => {
      button.disabled = true;
      downloadStatus.textContent = `Preparing ${label.replace('Download ', '')}…`;
      void options
        .onDownload(format)
        .then(
          () => (downloadStatus.textContent = `${label.replace('Download ', '')} downloaded.`),
          (error: unknown) => (downloadStatus.textContent = `Download failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => (button.disabled = false));
    });
    return h('span', {}, button, h('span', { id: `download-${format}-help`, class: 'visually-hidden' }, description));
  };

  show(
    container,
    h(
      'form',
      { class: 'controls-form', onsubmit: (event: Event) => event.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'dimension' }, 'Group by'), select),
      h(
        'fieldset',
        { class: 'field range' },
        h('legend', {}, 'Date range (UTC days, both included)'),
        h('div', { class: 'range-inputs' }, h('label', { for: 'from' }, 'From'), from, h('label', { for: 'to' }, 'To'), to),
        h('div', { class: 'presets', role: 'group', 'aria-label': 'Quick ranges' }, ...presets),
      ),
      h(
        'div',
        { class: 'field downloads', role: 'group', 'aria-label': 'Exports' },
        downloadButton('csv', 'Download CSV', 'Chargeback CSV of the chosen range, grouped as shown'),
        downloadButton('focus', 'Download FOCUS', 'FinOps FOCUS 1.2 CSV of the chosen range'),
      ),
      problem,
      downloadStatus,
    ),
  );
}
