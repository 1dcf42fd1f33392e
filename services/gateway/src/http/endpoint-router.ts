import { validate } from '@finops/http-kit';
import { Router, type RequestHandler } from 'express';
import { expressPath, type Endpoint, type EndpointAccess } from './endpoint';

/** The checks of an access (admin token, key scope); they run first on every route with it. */
export type AccessGuards = (access: EndpointAccess) => RequestHandler[];

/** The Express routes of the given endpoints, in their order (a literal path before a `{param}` one that would match it). */
export function endpointRouter(endpoints: readonly Endpoint[], guards: AccessGuards): Router {
  const router = Router();
  for (const declared of endpoints) {
    const { body, query, params } = declared.request ?? {};
    const validation = body || query || params ? [validate({ body, query, params })] : [];
    router[declared.method](expressPath(declared.path), ...guards(declared.access), ...(declared.before ?? []), ...validation, declared.handler as RequestHandler);
  }
  return router;
}
