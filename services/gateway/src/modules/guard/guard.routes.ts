import { CreateGuardPolicySchema, GuardCheckSchema, GuardSettleSchema, IdParamsSchema, UpdateGuardPolicySchema } from '@finops/contracts';
import { jsonBody, validate } from '@finops/http-kit';
import { Router } from 'express';
import { guardHandlers, type GuardServices } from './guard.handlers';

/**
 * Mounted right behind ingest, before the other routers: a check sits in every agent step, so it should not walk past
 * every other route first. Bodies are parsed per route for the same reason.
 */
export function guardRoutes(services: GuardServices, bodyLimitBytes: number): Router {
  const handlers = guardHandlers(services);
  const json = jsonBody(bodyLimitBytes);
  const router = Router();
  router.post('/guard/check', json, validate({ body: GuardCheckSchema }), handlers.check);
  router.post('/guard/settle', json, validate({ body: GuardSettleSchema }), handlers.settle);
  router.post('/guard/policies', json, validate({ body: CreateGuardPolicySchema }), handlers.create);
  router.get('/guard/policies', handlers.list);
  router.get('/guard/policies/:id', validate({ params: IdParamsSchema }), handlers.get);
  router.patch('/guard/policies/:id', json, validate({ params: IdParamsSchema, body: UpdateGuardPolicySchema }), handlers.update);
  router.delete('/guard/policies/:id', validate({ params: IdParamsSchema }), handlers.remove);
  return router;
}
