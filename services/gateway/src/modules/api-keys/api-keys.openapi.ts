import { ApiKeyListSchema, ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema, IdParamsSchema } from '@finops/contracts';
import { commonProblemResponses, problemResponse, type PathRegistrar } from '../openapi/openapi-registry';

export const registerApiKeyPaths: PathRegistrar = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/api-keys',
    summary: 'Create another API key for the caller’s org',
    tags: ['API keys'],
    request: { body: { content: { 'application/json': { schema: CreateApiKeySchema } } } },
    responses: { 201: { description: 'Created; the key is shown only here', content: { 'application/json': { schema: CreatedApiKeySchema } } }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/api-keys',
    summary: 'List the org’s API keys (never the secrets)',
    tags: ['API keys'],
    responses: { 200: { description: 'Keys', content: { 'application/json': { schema: ApiKeyListSchema } } }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    summary: 'Revoke an API key',
    tags: ['API keys'],
    request: { params: IdParamsSchema },
    responses: {
      200: { description: 'The revoked key', content: { 'application/json': { schema: ApiKeySchema } } },
      404: problemResponse('No such key in this org'),
      ...commonProblemResponses,
    },
  });
};
