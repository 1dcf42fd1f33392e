import type { CreatedOrg, CreateOrgSchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { toApiCreatedApiKey } from '../api-keys/api-key';
import type { OrgsService } from './orgs.service';

export function orgsHandlers(service: OrgsService) {
  const create: ValidatedHandler<{ body: typeof CreateOrgSchema }> = async (req, res) => {
    const { org, apiKey, secret } = await service.create(req.body.name, req.body.apiKeyName);
    const body: CreatedOrg = {
      org: { id: org.id, name: org.name, createdAt: org.createdAt.toISOString() },
      apiKey: toApiCreatedApiKey(apiKey, secret),
    };
    res.status(201).json(body);
  };
  return { create };
}
