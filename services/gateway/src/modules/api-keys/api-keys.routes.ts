import { CreateApiKeySchema, IdParamsSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { apiKeysHandlers } from './api-keys.handlers';
import type { ApiKeysService } from './api-keys.service';

export function apiKeysRoutes(service: ApiKeysService): Router {
  const handlers = apiKeysHandlers(service);
  const router = Router();
  router.post('/api-keys', validate({ body: CreateApiKeySchema }), handlers.create);
  router.get('/api-keys', handlers.list);
  router.delete('/api-keys/:id', validate({ params: IdParamsSchema }), handlers.revoke);
  return router;
}
