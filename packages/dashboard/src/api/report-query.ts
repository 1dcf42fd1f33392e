import type { ReportDimension, ReportFormat, ReportGranularity } from '@finops/contracts';
import type { DateRange } from '../model/date-range';

export interface ReportParams {
  groupBy: ReportDimension;
  range: DateRange;
  granularity?: ReportGranularity;
  format?: ReportFormat;
}

/** The report API path with its query; the key never goes in it (it travels in the Authorization header). */
export function reportPath(params: ReportParams): string {
  const query = new URLSearchParams({ groupBy: params.groupBy, from: params.range.from, to: params.range.to });
  if (params.granularity && params.granularity !== 'total') query.set('granularity', params.granularity);
  if (params.format && params.format !== 'json') query.set('format', params.format);
  return `/api/v1/cost/report?${query.toString()}`;
}

/** The file name the gateway chose (`Content-Disposition: attachment; filename="…"`), or `fallback`. */
export function downloadFilename(contentDisposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8''|")?([^";]+)"?/i.exec(contentDisposition ?? '');
  const name = match?.[1] ? decodeURIComponent(match[1].trim()) : '';
  // Only a plain file name: nothing that could point into a folder.
  return /^[\w.@-]+$/.test(name) ? name : fallback;
}
