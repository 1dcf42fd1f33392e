export { toTokenUsage, type ReportedTokens, type TokenUsage } from './usage';
export { BLENDED_INPUT_WEIGHT, BLENDED_OUTPUT_WEIGHT, COST_DECIMAL_PLACES, blendedUsdPerMTok, costOf, type MeterPrices } from './cost';
export { CatalogSchema, CatalogEntrySchema, loadCatalog, normalizeModelId, type Catalog, type CatalogEntry } from './catalog';
export { Decimal, sumUsd, type DecimalValue } from './money';
