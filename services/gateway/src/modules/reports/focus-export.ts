import { DAY_MS, taggableDimensions } from '@finops/contracts';
import { costOf, Decimal } from '@finops/pricing';
import type { OrgPriceList } from '../pricing/price-book';
import type { SpendRow } from '../spend/spend-query';
import { toCsv, type CsvColumn } from './csv-writer';

const TOKENS_PER_PRICING_UNIT = 1_000_000;

export interface FocusContext {
  billingAccount: { id: string; name: string };
  /** Prices the org is charged (its overrides, else the catalogue): names the provider. */
  prices: OrgPriceList;
  /** The catalogue alone: list prices. */
  listPrices: OrgPriceList;
}

/** One FOCUS 1.2 row: a day x agent x model x tag set x pricing source. */
export type FocusRow = Record<(typeof FOCUS_COLUMNS)[number], string | number | null>;

/** FOCUS columns in alphabetical order, then the custom (x_) columns, which FOCUS wants last. */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SubAccountId',
  'SubAccountName',
  'Tags',
  'x_AttributionStatus',
  'x_PricingSource',
  'x_TraceCount',
  'x_InputTokens',
  'x_OutputTokens',
  'x_CacheReadTokens',
  'x_CacheWriteTokens',
  'x_UnsplitTokens',
] as const;

/** FOCUS date-times: UTC, whole seconds, `Z`. */
const focusTimestamp = (instant: Date) => `${instant.toISOString().slice(0, 19)}Z`;

function monthBounds(day: Date): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1)),
    end: new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1)),
  };
}

/**
 * What the spend would have cost at list (catalogue) prices. Catalogue and client-provided costs are their own
 * list cost; an override is re-priced with the catalogue price of that day (catalogue prices change only at UTC
 * midnight, so one price covers the day), exactly, from the row's tokens per meter; a model the catalogue does not
 * know keeps its negotiated cost.
 */
function listCostOf(row: SpendRow, day: Date, listPrices: OrgPriceList): string {
  if (row.pricingSource !== 'override') return row.spendUsd;
  const listPrice = listPrices.priceAt(row.group.modelId!, day);
  if (!listPrice) return row.spendUsd;
  return costOf({ ...row, totalTokens: totalTokensOf(row) }, listPrice);
}

const totalTokensOf = (row: SpendRow) => row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens + row.unsplitTokens;

const DESCRIPTION_NOTES: Record<string, string> = {
  catalog: 'at list price',
  override: 'at the negotiated price',
  provided: 'cost reported by the client',
  unpriced: 'no price known for this model: cost 0',
};

/** Maps the daily spend rows (grouped by every dimension, by source) to FOCUS rows, sorted deterministically. */
export function toFocusRows(spendRows: readonly SpendRow[], context: FocusContext): FocusRow[] {
  const rows = spendRows.map((row): FocusRow => {
    const day = row.bucketStart!;
    const nextDay = new Date(day.getTime() + DAY_MS);
    const billingPeriod = monthBounds(day);
    const { agentId, modelId, project } = row.group as Record<string, string | null>;
    const provider = context.prices.priceAt(modelId!, day)?.provider ?? context.listPrices.priceAt(modelId!, day)?.provider ?? 'Unknown';
    const tags = Object.fromEntries(taggableDimensions.filter((dimension) => row.group[dimension]).map((dimension) => [dimension, row.group[dimension]]));
    const tokens = totalTokensOf(row);
    return {
      BilledCost: row.spendUsd,
      BillingAccountId: context.billingAccount.id,
      BillingAccountName: context.billingAccount.name,
      BillingCurrency: 'USD',
      BillingPeriodEnd: focusTimestamp(billingPeriod.end),
      BillingPeriodStart: focusTimestamp(billingPeriod.start),
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeDescription: `${modelId} tokens used by agent ${agentId} (${DESCRIPTION_NOTES[row.pricingSource!]})`,
      ChargeFrequency: 'Usage-Based',
      ChargePeriodEnd: focusTimestamp(nextDay),
      ChargePeriodStart: focusTimestamp(day),
      ConsumedQuantity: tokens,
      ConsumedUnit: 'Tokens',
      ContractedCost: row.spendUsd,
      EffectiveCost: row.spendUsd,
      InvoiceIssuerName: provider,
      ListCost: listCostOf(row, day, context.listPrices),
      PricingQuantity: new Decimal(tokens).div(TOKENS_PER_PRICING_UNIT).toFixed(),
      PricingUnit: `${TOKENS_PER_PRICING_UNIT} Tokens`,
      ProviderName: provider,
      PublisherName: provider,
      ResourceId: agentId!,
      ResourceName: agentId!,
      ResourceType: 'AI Agent',
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: `${provider} API`,
      ServiceSubcategory: 'Generative AI',
      SkuId: modelId!,
      SkuMeter: 'Tokens',
      SubAccountId: project ?? null,
      SubAccountName: project ?? null,
      Tags: JSON.stringify(tags),
      x_AttributionStatus: Object.keys(tags).length > 0 ? 'attributed' : 'unattributed',
      x_PricingSource: row.pricingSource!,
      x_TraceCount: row.traceCount,
      x_InputTokens: row.inputTokens,
      x_OutputTokens: row.outputTokens,
      x_CacheReadTokens: row.cacheReadTokens,
      x_CacheWriteTokens: row.cacheWriteTokens,
      x_UnsplitTokens: row.unsplitTokens,
    };
  });
  const key = (row: FocusRow) => [row.ChargePeriodStart, row.ResourceId, row.SkuId, row.Tags, row.x_PricingSource].map(String);
  return rows.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const index = ka.findIndex((value, i) => value !== kb[i]);
    return index < 0 ? 0 : ka[index]! < kb[index]! ? -1 : 1;
  });
}

const FOCUS_CSV_COLUMNS: CsvColumn<FocusRow>[] = FOCUS_COLUMNS.map((label) => ({ label, value: (row) => row[label] }));

export function focusCsv(rows: readonly FocusRow[]): string {
  return toCsv(rows, FOCUS_CSV_COLUMNS);
}

export function focusFilename(range: { from: string; to: string }): string {
  return `focus-${range.from}-${range.to}.csv`;
}
