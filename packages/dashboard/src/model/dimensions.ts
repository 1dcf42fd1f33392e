import type { ReportDimension } from '@finops/contracts';

/** The dimensions the page can group by, with the words shown for them. */
export const DIMENSIONS: readonly { id: ReportDimension; label: string; plural: string }[] = [
  { id: 'costCenter', label: 'Cost center', plural: 'cost centers' },
  { id: 'project', label: 'Project', plural: 'projects' },
  { id: 'team', label: 'Team', plural: 'teams' },
  { id: 'agentId', label: 'Agent', plural: 'agents' },
  { id: 'modelId', label: 'Model', plural: 'models' },
];

export function dimensionLabel(id: ReportDimension): string {
  return DIMENSIONS.find((dimension) => dimension.id === id)?.label ?? id;
}

export function isReportDimension(value: string): value is ReportDimension {
  return DIMENSIONS.some((dimension) => dimension.id === value);
}
