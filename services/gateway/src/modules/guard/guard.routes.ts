import { CreateGuardPolicySchema, GuardCheckSchema, GuardSettleSchema, IdParamsSchema, UpdateGuardPolicySchema } from '@finops/contracts';
import { validate } from '@finops/http-kit';
import { Router } from 'express';
import { guardHandlers, type GuardServices } from './guard.handlers';

export function guardRoutes(services: GuardServices): Router {
  const handlers = guardHandlers(services);
  const router = Router();
  router.post('/guard/check', validate({ body: GuardCheckSchema }), handlers.check);
  router.post('/guard/settle', validate({ body: GuardSettleSchema }), handlers.settle);
  router.post('/guard/policies', validate({ body: CreateGuardPolicySchema }), handlers.create);
  router.get('/guard/policies', handlers.list);
  router.get('/guard/policies/:id', validate({ params: IdParamsSchema }), handlers.get);
  router.patch('/guard/policies/:id', validate({ params: IdParamsSchema, body: UpdateGuardPolicySchema }), handlers.update);
  router.delete('/guard/policies/:id', validate({ params: IdParamsSchema }), handlers.remove);
  return router;
}
