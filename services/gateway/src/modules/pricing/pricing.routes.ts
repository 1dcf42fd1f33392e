import { ModelIdParamsSchema, ModelPriceOverrideSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { pricingHandlers } from './pricing.handlers';
import type { PricingService } from './pricing.service';

export function pricingRoutes(service: PricingService, catalogVersion: string): Router {
  const handlers = pricingHandlers(service, catalogVersion);
  const router = Router();
  router.get('/cost/models', handlers.list);
  router.put('/cost/models/:modelId', validate({ params: ModelIdParamsSchema, body: ModelPriceOverrideSchema }), handlers.setOverride);
  return router;
}
