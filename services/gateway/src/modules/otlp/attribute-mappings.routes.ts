import { OtlpAttributeMappingsSchema } from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent } from '../openapi/openapi-registry';
import { attributeMappingsHandlers } from './attribute-mappings.handlers';
import type { AttributeMappingsService } from './attribute-mappings.service';

export function attributeMappingsRoutes(service: AttributeMappingsService): Endpoint[] {
  const handlers = attributeMappingsHandlers(service);
  const common = { tag: 'OpenTelemetry', path: '/otlp/attribute-mappings' } as const;
  return [
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      summary: 'The attributes that fill dimensions of the org’s OTLP spans',
      responses: { 200: { description: 'The mappings, in dimension order', ...jsonContent(OtlpAttributeMappingsSchema) } },
      handler: handlers.list,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'put',
      summary: 'Map attributes the org already sends (service.name, deployment.environment, any key) to dimensions',
      description:
        'Replaces every mapping of the org (`{"mappings": []}` removes them). Applies to spans exported from now on; ' +
        'stored traces keep their tags. A finops.* attribute (or gen_ai.agent.id / gen_ai.agent.name for the agent) on ' +
        'the span, its ancestors or its resource wins over a mapping.',
      request: { body: OtlpAttributeMappingsSchema },
      responses: { 200: { description: 'The mappings now in effect', ...jsonContent(OtlpAttributeMappingsSchema) } },
      handler: handlers.replace,
    }),
  ];
}
