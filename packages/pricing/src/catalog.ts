import { z } from 'zod';
import catalogData from '../data/catalog.json';

const DecimalString = z.string().regex(/^\d{1,9}(\.\d{1,9})?$/, 'USD per 1M tokens as a decimal string');

export const CatalogEntrySchema = z.strictObject({
  modelId: z.string().regex(/^[a-z0-9][a-z0-9._:/-]*$/, 'lower-case model id'),
  provider: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  inputUsdPerMTok: DecimalString,
  outputUsdPerMTok: DecimalString,
  cacheReadUsdPerMTok: DecimalString.nullable(),
  cacheWriteUsdPerMTok: DecimalString.nullable(),
  effectiveFrom: z.iso.date(),
  source: z.url(),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const CatalogSchema = z.strictObject({
  version: z.iso.date(),
  retrievedAt: z.iso.date(),
  notes: z.string(),
  models: z.array(CatalogEntrySchema).min(1),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/** The built-in catalogue shipped in data/catalog.json, validated on load. */
export function loadCatalog(): Catalog {
  const catalog = CatalogSchema.parse(catalogData);
  const seen = new Set<string>();
  for (const entry of catalog.models) {
    for (const id of [entry.modelId, ...entry.aliases]) {
      const key = `${id}@${entry.effectiveFrom}`;
      if (seen.has(key)) throw new Error(`catalog lists ${id} twice for ${entry.effectiveFrom}`);
      seen.add(key);
    }
  }
  return catalog;
}

/** Model ids are matched case-insensitively and without surrounding spaces. */
export function normalizeModelId(modelId: string): string {
  return modelId.trim().toLowerCase();
}
