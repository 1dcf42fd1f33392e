import { validate } from '@finops/http-kit';
import { Router, type RequestHandler } from 'express';
import { expressPath, type Endpoint } from './endpoint';

/** The checks an endpoint's access implies (admin token, or key scope and budget); they run first on its route. */
export type AccessGuards = (endpoint: Endpoint) => RequestHandler[];

/** The Express routes of the given endpoints, in their order (a literal path before a `{param}` one that would match it). */
export function endpointRouter(endpoints: readonly Endpoint[], guards: AccessGuards): Router {
  const router = Router();
  for (const declared of endpoints) {
    const { body, query, params } = declared.request ?? {};
    const validation = body || query || params ? [validate({ body, query, params })] : [];
    router[declared.method](expressPath(declared.path), ...guards(declared), ...(declared.before ?? []), ...validation, declared.handler as RequestHandler);
  }
  return router;
}
