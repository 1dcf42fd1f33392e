import type { ModelIdParamsSchema, ModelPriceList, ModelPriceOverrideSchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import { toApiModelPrice } from './model-price';
import type { PricingService } from './pricing.service';

export function pricingHandlers(service: PricingService, catalogVersion: string) {
  const list: ValidatedHandler<object> = async (req, res) => {
    const models = await service.list(principalOf(req).orgId);
    const body: ModelPriceList = {
      catalogVersion,
      models: models.map((model) => ({
        modelId: model.modelId,
        provider: model.provider,
        current: model.current ? toApiModelPrice(model.current) : null,
        history: model.history.map(toApiModelPrice),
      })),
    };
    res.json(body);
  };
  const setOverride: ValidatedHandler<{ params: typeof ModelIdParamsSchema; body: typeof ModelPriceOverrideSchema }> = async (
    req,
    res,
  ) => {
    const price = await service.setOverride(principalOf(req).orgId, req.params.modelId, req.body);
    res.json(toApiModelPrice(price));
  };
  return { list, setOverride };
}
