import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '@finops/pricing';

interface CatalogRow {
  modelId: string;
  aliases: string[];
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cacheReadUsdPerMTok: string | null;
  cacheWriteUsdPerMTok: string | null;
}

// Read from the data file, not through the pricing code the gateway uses, so a pricing bug cannot agree with itself.
const catalog = JSON.parse(readFileSync(join(__dirname, '../../../pricing/data/catalog.json'), 'utf8')) as { models: CatalogRow[] };

export interface Usage {
  modelId: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** USD of one call at the catalogue's list prices: tokens × USD per 1M tokens (cache meters fall back to input). */
export function expectedCostUsd(usage: Usage): Decimal {
  const row = catalog.models.find((model) => model.modelId === usage.modelId || model.aliases.includes(usage.modelId));
  if (!row) throw new Error(`${usage.modelId} is not in the catalogue`);
  const meters: [number | undefined, string][] = [
    [usage.inputTokens, row.inputUsdPerMTok],
    [usage.outputTokens, row.outputUsdPerMTok],
    [usage.cacheReadTokens, row.cacheReadUsdPerMTok ?? row.inputUsdPerMTok],
    [usage.cacheWriteTokens, row.cacheWriteUsdPerMTok ?? row.inputUsdPerMTok],
  ];
  return meters.reduce((sum, [tokens, price]) => sum.plus(new Decimal(tokens ?? 0).times(price).dividedBy(1_000_000)), new Decimal(0));
}

export function sumOf(amounts: Decimal[]): Decimal {
  return amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
}
