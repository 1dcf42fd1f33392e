import { z } from './zod';

export const OrgSchema = z
  .object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() })
  .openapi('Org');
export type Org = z.infer<typeof OrgSchema>;

/** What a key may do: `ingest` traces and guard checks, `read` reports and status, `manage` configuration and keys. */
export const apiKeyScopes = ['ingest', 'read', 'manage'] as const;
export const ApiKeyScopeSchema = z.enum(apiKeyScopes).openapi('ApiKeyScope', {
  description:
    '`ingest`: traces and guard check/settle; `read`: reports, budget status, forecast, events and listings; ' +
    '`manage`: budgets, webhooks, guard policies, prices and keys',
});
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

const scopeList = z
  .array(ApiKeyScopeSchema)
  .min(1)
  // No .max(): unique members of the enum bound the length, and zod would apply a max to a string sent instead.
  .refine((scopes) => new Set(scopes).size === scopes.length, 'lists a scope more than once');

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'First characters of the key, for recognising it in lists', example: 'fok_3q9Zx1' }),
    scopes: z.array(ApiKeyScopeSchema),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiKey');
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The secret key. Shown only in this response; store it now.' }),
}).openapi('CreatedApiKey');
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

export const CreateOrgSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: 'Acme Corp' }),
    apiKeyName: z.string().trim().min(1).max(200).optional().openapi({ example: 'default' }),
  })
  .openapi('CreateOrg');
export type CreateOrg = z.infer<typeof CreateOrgSchema>;

export const CreatedOrgSchema = z.object({ org: OrgSchema, apiKey: CreatedApiKeySchema }).openapi('CreatedOrg');
export type CreatedOrg = z.infer<typeof CreatedOrgSchema>;

export const CreateApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: 'ci-pipeline' }),
    scopes: scopeList.default(['ingest']).openapi({
      description: 'What the new key may do; at most the scopes of the key that creates it. Omitted: `["ingest"]` only (an agent\'s key)',
      example: ['ingest'],
    }),
  })
  .openapi('CreateApiKey');
export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

export const AdminCreateApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).default('recovered').openapi({ example: 'recovered' }),
    scopes: scopeList.default([...apiKeyScopes]).openapi({
      description: 'What the new key may do. Omitted: every scope, since this is how an operator regains access to an org',
      example: [...apiKeyScopes],
    }),
  })
  .openapi('AdminCreateApiKey');
export type AdminCreateApiKey = z.infer<typeof AdminCreateApiKeySchema>;

export const OrgIdParamsSchema = z.object({ orgId: z.uuid() });

export const ApiKeyListSchema = z.object({ apiKeys: z.array(ApiKeySchema) }).openapi('ApiKeyList');
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;

export const IdParamsSchema = z.object({ id: z.uuid() });
