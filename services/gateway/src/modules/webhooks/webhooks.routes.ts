import { CreateWebhookSchema, IdParamsSchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { webhooksHandlers } from './webhooks.handlers';
import type { WebhooksService } from './webhooks.service';

export function webhooksRoutes(service: WebhooksService): Router {
  const handlers = webhooksHandlers(service);
  const router = Router();
  router.post('/webhooks', validate({ body: CreateWebhookSchema }), handlers.create);
  router.get('/webhooks', handlers.list);
  router.delete('/webhooks/:id', validate({ params: IdParamsSchema }), handlers.remove);
  return router;
}
