/** The attribution tags a trace may carry (and may lack): what chargeback reports call untagged spend. */
export const taggableDimensions = ['costCenter', 'project', 'team'] as const;
export type TaggableDimension = (typeof taggableDimensions)[number];

/**
 * What spend is attributed to: the tags plus the two ids every trace has. Reports group and filter by these, budgets
 * and forecasts are scoped by one of them (or the whole org).
 */
export const spendDimensions = [...taggableDimensions, 'agentId', 'modelId'] as const;
export type SpendDimension = (typeof spendDimensions)[number];
