import { CreatedOrgSchema, CreateOrgSchema } from '@finops/contracts';
import { jsonBody } from '@finops/http-kit';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent } from '../openapi/openapi-registry';
import { orgsHandlers } from './orgs.handlers';
import type { OrgsService } from './orgs.service';

export function adminOrgsRoutes(service: OrgsService, bodyLimitBytes: number): Endpoint[] {
  const handlers = orgsHandlers(service);
  return [
    endpoint({
      tag: 'Admin',
      access: 'admin',
      method: 'post',
      path: '/admin/orgs',
      summary: 'Create an org and its first API key',
      request: { body: CreateOrgSchema },
      responses: { 201: { description: 'Created; the key is shown only here', ...jsonContent(CreatedOrgSchema) } },
      before: [jsonBody(bodyLimitBytes)],
      handler: handlers.create,
    }),
  ];
}
