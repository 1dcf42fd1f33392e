import type { OtlpAttributeMappings, OtlpAttributeMappingsSchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import type { AttributeMappingsService } from './attribute-mappings.service';

export function attributeMappingsHandlers(service: AttributeMappingsService) {
  const list: ValidatedHandler<object> = async (req, res) => {
    res.json({ mappings: await service.list(principalOf(req).orgId) } satisfies OtlpAttributeMappings);
  };
  const replace: ValidatedHandler<{ body: typeof OtlpAttributeMappingsSchema }> = async (req, res) => {
    res.json({ mappings: await service.replace(principalOf(req).orgId, req.body.mappings) } satisfies OtlpAttributeMappings);
  };
  return { list, replace };
}
