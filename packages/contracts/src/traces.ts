import { limits } from './limits';
import { MoneySchema, TraceCostUsdInputSchema } from './money';
import { z } from './zod';

const TokenCountSchema = z.number().int().min(0).max(limits.tokensMax);
const SPLIT_TOKEN_FIELDS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const;

// PostgreSQL text cannot hold NUL; refusing it here keeps one bad trace from failing a whole group commit.
const noNul = (value: string): boolean => !value.includes('\u0000');
const NUL_MESSAGE = 'must not contain NUL (\\u0000) characters';
const TextSchema = z.string().refine(noNul, NUL_MESSAGE);

const TagSchema = TextSchema.check(
  z.minLength(1, 'must not be empty; omit the field or send null for untagged spend'),
  z.maxLength(limits.tagMaxLength),
)
  .nullable()
  .optional();

const IdentifierSchema = z.string().trim().min(1, 'must not be empty').max(limits.identifierMaxLength).refine(noNul, NUL_MESSAGE);

export const TraceIngestSchema = z
  .strictObject({
    agentId: IdentifierSchema.openapi({ example: 'agt_01j9z3k4q8' }),
    modelId: IdentifierSchema.openapi({ example: 'claude-sonnet-4-6' }),
    input: TextSchema.check(z.maxLength(limits.traceTextMaxLength)).optional(),
    output: TextSchema.check(z.maxLength(limits.traceTextMaxLength)).optional(),
    costCenter: TagSchema.openapi({ example: 'finance' }),
    project: TagSchema.openapi({ example: 'q2-reporting' }),
    team: TagSchema.openapi({ example: 'data-analytics' }),
    tokensUsed: TokenCountSchema.optional().openapi({
      description:
        'Total tokens. Alone (no inputTokens/outputTokens), they are priced at the blended rate ' +
        '(3 input : 1 output); with a split, it must equal the sum of all token fields.',
      example: 1840,
    }),
    inputTokens: TokenCountSchema.optional().openapi({ description: 'Uncached input tokens' }),
    outputTokens: TokenCountSchema.optional(),
    cacheReadTokens: TokenCountSchema.optional().openapi({
      description: 'Input tokens read from the prompt cache, priced at the cache-read rate (not part of inputTokens)',
    }),
    cacheWriteTokens: TokenCountSchema.optional().openapi({
      description: 'Input tokens written to the prompt cache, priced at the cache-write rate (not part of inputTokens)',
    }),
    costUsd: TraceCostUsdInputSchema.optional().openapi({ description: 'A known cost; overrides catalogue pricing' }),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When the action happened (backfill); default: when the gateway received it' }),
    metadata: z.record(z.string(), z.unknown()).optional(),
    idempotencyKey: TextSchema.check(z.minLength(1), z.maxLength(limits.idempotencyKeyMaxLength)).optional(),
    reservationId: z.uuid().optional().openapi({
      description: 'The reservation of the guard check made before this action: the trace settles it (its actual cost replaces the hold)',
    }),
  })
  .superRefine((trace, ctx) => {
    const split = (trace.inputTokens ?? 0) + (trace.outputTokens ?? 0);
    const cached = (trace.cacheReadTokens ?? 0) + (trace.cacheWriteTokens ?? 0);
    const hasSplit = trace.inputTokens !== undefined || trace.outputTokens !== undefined;
    if (trace.tokensUsed !== undefined && hasSplit && trace.tokensUsed !== split + cached) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokensUsed'],
        message: `must equal inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens (${split + cached})`,
      });
    }
    // tokensUsed, when sent, is itself bounded and must equal this sum; without it the sum is the stored total.
    if (trace.tokensUsed === undefined && split + cached > limits.tokensMax) {
      for (const field of SPLIT_TOKEN_FIELDS.filter((name) => trace[name] !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `together with the other token fields must add up to at most ${limits.tokensMax} (the stored total is a 32-bit integer)`,
        });
      }
    }
    if (trace.tokensUsed !== undefined && trace.tokensUsed >= 0 && !hasSplit && trace.tokensUsed < cached) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokensUsed'],
        message: `must be at least cacheReadTokens + cacheWriteTokens (${cached})`,
      });
    }
    if (trace.metadata !== undefined) {
      const json = JSON.stringify(trace.metadata);
      if (Buffer.byteLength(json) > limits.metadataMaxBytes) {
        ctx.addIssue({ code: 'custom', path: ['metadata'], message: `must be at most ${limits.metadataMaxBytes} bytes as JSON` });
      } else if (json.includes('\\u0000')) {
        ctx.addIssue({ code: 'custom', path: ['metadata'], message: NUL_MESSAGE });
      }
    }
  })
  .openapi('TraceIngest');
export type TraceIngest = z.infer<typeof TraceIngestSchema>;

export const pricingSources = ['catalog', 'override', 'provided', 'unpriced'] as const;
export type PricingSource = (typeof pricingSources)[number];

export const TraceIngestResultSchema = z
  .object({
    id: z.uuid(),
    costUsd: MoneySchema,
    currency: z.literal('USD'),
    pricingSource: z.enum(pricingSources).openapi({
      description:
        '`catalog` (built-in prices), `override` (the org’s negotiated price), `provided` (costUsd sent by the ' +
        'client) or `unpriced` (unknown model: stored with cost 0 and shown separately in reports)',
    }),
    pricingVersion: z.string().nullable(),
    totalTokens: z.number().int(),
    occurredAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
  })
  .openapi('TraceIngestResult');
export type TraceIngestResult = z.infer<typeof TraceIngestResultSchema>;

export const TraceBatchIngestSchema = z
  .strictObject({
    traces: z.array(TraceIngestSchema).min(1).max(limits.batchMaxTraces),
  })
  .openapi('TraceBatchIngest');
export type TraceBatchIngest = z.infer<typeof TraceBatchIngestSchema>;

export const TraceBatchIngestResultSchema = z
  .object({
    count: z.number().int(),
    totalCostUsd: MoneySchema,
    traces: z.array(TraceIngestResultSchema),
  })
  .openapi('TraceBatchIngestResult');
export type TraceBatchIngestResult = z.infer<typeof TraceBatchIngestResultSchema>;
