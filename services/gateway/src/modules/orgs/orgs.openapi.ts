import { CreatedOrgSchema, CreateOrgSchema } from '@finops/contracts';
import { commonProblemResponses, type PathRegistrar } from '../openapi/openapi-registry';

export const registerOrgPaths: PathRegistrar = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/admin/orgs',
    summary: 'Create an org and its first API key',
    tags: ['Admin'],
    security: [{ adminToken: [] }],
    request: { body: { content: { 'application/json': { schema: CreateOrgSchema } } } },
    responses: { 201: { description: 'Created; the key is shown only here', content: { 'application/json': { schema: CreatedOrgSchema } } }, ...commonProblemResponses },
  });
};
