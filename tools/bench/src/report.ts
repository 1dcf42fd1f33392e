import type { BenchResult } from './scenarios/scenario';

const format = (value: number) => (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));

/** The results as a Markdown table (printed, and pasted into the README's Performance section). */
export function resultsTable(results: BenchResult[]): string {
  const lines = [
    '| scenario | metric | measured | limit (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) =>
      [
        r.scenario,
        r.metric,
        `${format(r.value)} ${r.unit}`,
        r.limit ? `${format(r.limit.value)} (${r.limit.label})` : '–',
        r.ratio === undefined ? '–' : `${(r.ratio * 100).toFixed(0)}%`,
        r.goal ?? '–',
        r.met === undefined ? '–' : r.met ? 'yes' : 'NO',
      ].join(' | '),
    ).map((line) => `| ${line} |`),
  ];
  return lines.join('\n');
}
