import { ApiKeyListSchema, ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema, IdParamsSchema } from '@finops/contracts';
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
