import { ModelIdParamsSchema, ModelPriceListSchema, ModelPriceOverrideSchema, ModelPriceSchema } from '@finops/contracts';
import { commonProblemResponses, type PathRegistrar } from '../openapi/openapi-registry';

export const registerPricingPaths: PathRegistrar = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cost/models',
    summary: 'Model prices: the built-in catalogue and the org’s overrides, with the price in effect now',
    tags: ['Pricing'],
    responses: { 200: { description: 'Prices per model', content: { 'application/json': { schema: ModelPriceListSchema } } }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/cost/models/{modelId}',
    summary: 'Set the org’s negotiated price for a model from a date on',
    tags: ['Pricing'],
    request: { params: ModelIdParamsSchema, body: { content: { 'application/json': { schema: ModelPriceOverrideSchema } } } },
    responses: { 200: { description: 'The override', content: { 'application/json': { schema: ModelPriceSchema } } }, ...commonProblemResponses },
  });
};
