import { limits } from './limits';
import { CapLimitUsdInputSchema, GuardAmountUsdInputSchema, MoneySchema } from './money';
import { z } from './zod';

/** What a policy limits: the org's whole spend, or one agent's. */
export const guardScopes = ['org', 'agent'] as const;
export type GuardScope = (typeof guardScopes)[number];

/** Calendar periods in UTC; weeks start on Monday (ISO 8601). */
export const guardPeriodTypes = ['daily', 'weekly', 'monthly'] as const;
export type GuardPeriodType = (typeof guardPeriodTypes)[number];

/** What a check answers when the database cannot: `closed` denies, `open` allows (and the gateway logs it). */
export const guardFailModes = ['closed', 'open'] as const;
export type GuardFailMode = (typeof guardFailModes)[number];

export const guardDecisions = ['allow', 'deny'] as const;

/**
 * Why a check was denied, or allowed without the database: `cap_exceeded` (the estimate does not fit into what a
 * policy has left), `guard_unavailable` (the database did not answer in time; the fail mode decided).
 */
export const guardReasons = ['cap_exceeded', 'guard_unavailable'] as const;

/**
 * `held` (reserved by a check), `settled` (the actual cost reported through /guard/settle, held until its trace
 * arrives), `consumed` (a trace naming it arrived), `released` (settled with no cost), `expired` (the lease ran out).
 */
export const guardReservationStatuses = ['held', 'settled', 'consumed', 'released', 'expired'] as const;
export type GuardReservationStatus = (typeof guardReservationStatuses)[number];

const AgentIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(limits.identifierMaxLength)
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL (\\u0000) characters')
  .openapi({ example: 'agt_01j9z3k4q8' });

const LimitUsdSchema = CapLimitUsdInputSchema.openapi({
  type: 'string',
  description: 'The cap in USD per period: a JSON number or a decimal string, greater than 0',
  example: 1,
});

const NameSchema = z.string().trim().min(1).max(200);

const FailModeSchema = z.enum(guardFailModes).openapi({
  description: 'What a check answers when the database cannot answer in time: `closed` denies, `open` allows and logs',
});

export const CreateGuardPolicySchema = z
  .strictObject({
    scope: z.enum(guardScopes).openapi({ description: '`org` limits the org’s whole spend; `agent` one agent’s (give agentId)' }),
    agentId: AgentIdSchema.optional().openapi({ description: 'Required when scope is `agent`; omitted for `org`' }),
    limitUsd: LimitUsdSchema,
    periodType: z.enum(guardPeriodTypes).default('monthly').openapi({ description: 'Calendar period in UTC (default monthly)' }),
    failMode: FailModeSchema.default('closed'),
    name: NameSchema.optional().openapi({ example: 'Support bot daily cap' }),
  })
  .superRefine((policy, ctx) => {
    if (policy.scope === 'org' && policy.agentId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'must be omitted when scope is org (the policy covers all agents)' });
    }
    if (policy.scope === 'agent' && policy.agentId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'is required when scope is agent' });
    }
  })
  .openapi('CreateGuardPolicy', { example: { scope: 'agent', agentId: 'agt_01j9z3k4q8', limitUsd: '25', periodType: 'daily', failMode: 'closed' } });
export type CreateGuardPolicy = z.infer<typeof CreateGuardPolicySchema>;

export const UpdateGuardPolicySchema = z
  .strictObject({
    limitUsd: LimitUsdSchema.optional(),
    failMode: FailModeSchema.optional(),
    name: NameSchema.nullable().optional().openapi({ description: 'null removes the name' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'must change at least one of limitUsd, failMode, name',
    when: (payload) => payload.issues.length === 0,
  })
  .openapi('UpdateGuardPolicy', { description: 'Scope, agent and period type are fixed; create another policy to change them.' });
export type UpdateGuardPolicy = z.infer<typeof UpdateGuardPolicySchema>;

export const GuardPolicySchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    scope: z.enum(guardScopes),
    agentId: z.string().nullable().openapi({ description: 'null for the org scope' }),
    limitUsd: MoneySchema,
    periodType: z.enum(guardPeriodTypes),
    failMode: z.enum(guardFailModes),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('GuardPolicy');
export type GuardPolicy = z.infer<typeof GuardPolicySchema>;

export const GuardPolicyListSchema = z.object({ policies: z.array(GuardPolicySchema) }).openapi('GuardPolicyList');
export type GuardPolicyList = z.infer<typeof GuardPolicyListSchema>;

const TokenCountSchema = z.number().int().min(0).max(limits.tokensMax);

export const GuardCheckSchema = z
  .strictObject({
    agentId: AgentIdSchema,
    modelId: z.string().trim().min(1).max(limits.identifierMaxLength).optional().openapi({
      description: 'Prices maxInputTokens / maxOutputTokens at the price in effect now (the org’s override, else the catalogue)',
      example: 'claude-sonnet-4-6',
    }),
    estimatedCostUsd: GuardAmountUsdInputSchema.optional().openapi({ description: 'What the action may cost at most; reserved when allowed' }),
    maxInputTokens: TokenCountSchema.optional(),
    maxOutputTokens: TokenCountSchema.optional(),
  })
  .superRefine((check, ctx) => {
    const hasTokens = check.maxInputTokens !== undefined || check.maxOutputTokens !== undefined;
    if (check.estimatedCostUsd !== undefined && hasTokens) {
      ctx.addIssue({ code: 'custom', path: ['estimatedCostUsd'], message: 'send either estimatedCostUsd or maxInputTokens/maxOutputTokens, not both' });
    }
    if (hasTokens && check.modelId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['modelId'], message: 'is required to price maxInputTokens/maxOutputTokens' });
    }
  })
  .openapi('GuardCheck', { example: { agentId: 'agt_01j9z3k4q8', modelId: 'claude-sonnet-4-6', maxInputTokens: 2000, maxOutputTokens: 500 } });
export type GuardCheck = z.infer<typeof GuardCheckSchema>;

export const GuardPolicyStandingSchema = z
  .object({
    id: z.uuid(),
    scope: z.enum(guardScopes),
    agentId: z.string().nullable(),
    periodType: z.enum(guardPeriodTypes),
    failMode: z.enum(guardFailModes),
    limitUsd: MoneySchema,
    periodStart: z.iso.datetime().optional().openapi({ description: 'Absent when the database was not reached' }),
    periodEnd: z.iso.datetime().optional(),
    spentUsd: MoneySchema.optional().openapi({ description: 'Ingested spend in the period (the report figure for it)' }),
    reservedUsd: MoneySchema.optional().openapi({ description: 'Held by open reservations, this check’s included when allowed' }),
  })
  .openapi('GuardPolicyStanding');
export type GuardPolicyStanding = z.infer<typeof GuardPolicyStandingSchema>;

export const GuardCheckResultSchema = z
  .object({
    decision: z.enum(guardDecisions),
    reservationId: z.uuid().optional().openapi({ description: 'Send it with the trace of the action (or to /guard/settle)' }),
    reservedUsd: MoneySchema.optional().openapi({ description: 'The estimate held for this action' }),
    expiresAt: z.iso.datetime().optional().openapi({ description: 'End of the lease: an unsettled reservation is released then' }),
    remainingUsd: MoneySchema.nullable().openapi({
      description:
        'Allow: what the most restrictive policy has left after this reservation. Deny: what the denying policy has ' +
        'left. null when no policy applies or the database was not reached.',
    }),
    policy: GuardPolicyStandingSchema.optional().openapi({ description: 'Deny: the policy that denied. Allow: the most restrictive one.' }),
    reason: z.enum(guardReasons).optional(),
    detail: z.string().optional().openapi({ description: 'A sentence for people; branch on decision and reason' }),
  })
  .openapi('GuardCheckResult');
export type GuardCheckResult = z.infer<typeof GuardCheckResultSchema>;

export const GuardSettleSchema = z
  .strictObject({
    reservationId: z.uuid(),
    actualCostUsd: GuardAmountUsdInputSchema.optional().openapi({
      description: 'The action’s actual cost, held until its trace arrives; omit (or 0) to release the reservation',
    }),
  })
  .openapi('GuardSettle');
export type GuardSettle = z.infer<typeof GuardSettleSchema>;

export const GuardReservationSchema = z
  .object({
    id: z.uuid(),
    agentId: z.string(),
    status: z.enum(guardReservationStatuses),
    estimateUsd: MoneySchema,
    heldUsd: MoneySchema.openapi({ description: 'What the policies hold for it now' }),
    settledUsd: MoneySchema.nullable(),
    traceId: z.uuid().nullable().openapi({ description: 'The trace that consumed it' }),
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .openapi('GuardReservation');
export type GuardReservation = z.infer<typeof GuardReservationSchema>;
