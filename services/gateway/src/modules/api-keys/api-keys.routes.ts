import { AdminCreateApiKeySchema, ApiKeyListSchema, ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema, IdParamsSchema, OrgIdParamsSchema } from '@finops/contracts';
import { jsonBody } from '@finops/http-kit';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { apiKeysHandlers } from './api-keys.handlers';
import type { ApiKeysService } from './api-keys.service';

export function apiKeysRoutes(service: ApiKeysService): Endpoint[] {
  const handlers = apiKeysHandlers(service);
  const common = { tag: 'API keys' } as const;
  return [
    endpoint({
      ...common,
      access: 'manage',
      method: 'post',
      path: '/api-keys',
      summary: 'Create another API key for the caller’s org',
      request: { body: CreateApiKeySchema },
      responses: { 201: { description: 'Created; the key is shown only here', ...jsonContent(CreatedApiKeySchema) } },
      handler: handlers.create,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/api-keys',
      summary: 'List the org’s API keys (never the secrets)',
      responses: { 200: { description: 'Keys', ...jsonContent(ApiKeyListSchema) } },
      handler: handlers.list,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'delete',
      path: '/api-keys/{id}',
      summary: 'Revoke an API key',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The revoked key', ...jsonContent(ApiKeySchema) }, 404: problemResponse('No such key in this org') },
      handler: handlers.revoke,
    }),
  ];
}

/** Behind the admin token, for an operator who lost an org's keys (the launcher's `npm run key` is the local way). */
export function adminApiKeysRoutes(service: ApiKeysService, bodyLimitBytes: number): Endpoint[] {
  const handlers = apiKeysHandlers(service);
  return [
    endpoint({
      tag: 'Admin',
      access: 'admin',
      method: 'post',
      path: '/admin/orgs/{orgId}/keys',
      summary: 'Mint an API key for an existing org (every scope unless told otherwise)',
      request: { params: OrgIdParamsSchema, body: AdminCreateApiKeySchema },
      responses: { 201: { description: 'Created; the key is shown only here', ...jsonContent(CreatedApiKeySchema) }, 404: problemResponse('No such org') },
      before: [jsonBody(bodyLimitBytes)],
      handler: handlers.mintForOrg,
    }),
  ];
}
