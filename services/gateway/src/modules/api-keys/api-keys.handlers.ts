import type { AdminCreateApiKeySchema, ApiKeyList, CreateApiKeySchema, IdParamsSchema, OrgIdParamsSchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import { toApiApiKey, toApiCreatedApiKey } from './api-key';
import type { ApiKeysService } from './api-keys.service';

export function apiKeysHandlers(service: ApiKeysService) {
  const create: ValidatedHandler<{ body: typeof CreateApiKeySchema }> = async (req, res) => {
    const { apiKey, secret } = await service.create(principalOf(req), req.body.name, req.body.scopes);
    res.status(201).json(toApiCreatedApiKey(apiKey, secret));
  };
  const list: ValidatedHandler<object> = async (req, res) => {
    const keys = await service.list(principalOf(req).orgId);
    res.json({ apiKeys: keys.map(toApiApiKey) } satisfies ApiKeyList);
  };
  const revoke: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    const key = await service.revoke(principalOf(req).orgId, req.params.id);
    res.json(toApiApiKey(key));
  };
  const mintForOrg: ValidatedHandler<{ params: typeof OrgIdParamsSchema; body: typeof AdminCreateApiKeySchema }> = async (req, res) => {
    const { apiKey, secret } = await service.mintForOrg(req.params.orgId, req.body.name, req.body.scopes);
    res.status(201).json(toApiCreatedApiKey(apiKey, secret));
  };
  return { create, list, revoke, mintForOrg };
}
