import { MoneySchema, UsdPerMillionTokensInputSchema } from './money';
import { z } from './zod';

export const ModelPriceSchema = z
  .object({
    modelId: z.string(),
    provider: z.string(),
    scope: z.enum(['catalog', 'override']),
    effectiveFrom: z.iso.datetime(),
    inputUsdPerMTok: MoneySchema,
    outputUsdPerMTok: MoneySchema,
    cacheReadUsdPerMTok: MoneySchema.nullable(),
    cacheWriteUsdPerMTok: MoneySchema.nullable(),
    source: z.string(),
  })
  .openapi('ModelPrice', { description: 'Prices in USD per 1,000,000 tokens' });
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

export const ModelPriceListSchema = z
  .object({
    catalogVersion: z.string(),
    models: z.array(
      z.object({
        modelId: z.string(),
        provider: z.string(),
        current: ModelPriceSchema.nullable().openapi({ description: 'The price in effect now for this org' }),
        history: z.array(ModelPriceSchema),
      }),
    ),
  })
  .openapi('ModelPriceList');
export type ModelPriceList = z.infer<typeof ModelPriceListSchema>;

export const ModelPriceOverrideSchema = z
  .strictObject({
    provider: z.string().trim().min(1).max(100).optional(),
    inputUsdPerMTok: UsdPerMillionTokensInputSchema,
    outputUsdPerMTok: UsdPerMillionTokensInputSchema,
    cacheReadUsdPerMTok: UsdPerMillionTokensInputSchema.optional(),
    cacheWriteUsdPerMTok: UsdPerMillionTokensInputSchema.optional(),
    effectiveFrom: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })])
      .optional()
      .openapi({ description: 'Date (UTC midnight) or date-time from which the price applies; default now' }),
  })
  .openapi('ModelPriceOverride');
export type ModelPriceOverride = z.infer<typeof ModelPriceOverrideSchema>;

export const ModelIdParamsSchema = z.object({ modelId: z.string().min(1).max(200) });
