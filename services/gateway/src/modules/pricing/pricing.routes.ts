import { ModelIdParamsSchema, ModelPriceListSchema, ModelPriceOverrideSchema, ModelPriceSchema } from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent } from '../openapi/openapi-registry';
import { pricingHandlers } from './pricing.handlers';
import type { PricingService } from './pricing.service';

export function pricingRoutes(service: PricingService, catalogVersion: string): Endpoint[] {
  const handlers = pricingHandlers(service, catalogVersion);
  const common = { tag: 'Pricing' } as const;
  return [
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/models',
      summary: 'Model prices: the built-in catalogue and the org’s overrides, with the price in effect now',
      responses: { 200: { description: 'Prices per model', ...jsonContent(ModelPriceListSchema) } },
      handler: handlers.list,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'put',
      path: '/cost/models/{modelId}',
      summary: 'Set the org’s negotiated price for a model from a date on',
      request: { params: ModelIdParamsSchema, body: ModelPriceOverrideSchema },
      responses: { 200: { description: 'The override', ...jsonContent(ModelPriceSchema) } },
      handler: handlers.setOverride,
    }),
  ];
}
