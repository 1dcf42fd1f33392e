import type { Request } from 'express';

/** The label of every request no declared route answered (unknown paths, 404s): one value, so scanners add no series. */
export const UNMATCHED_ROUTE = 'unmatched';

const capturedRoutes = new WeakMap<Request, string>();

/**
 * Records the route template of the request as the router matches it. Express sets `req.route` at that moment, while
 * `req.baseUrl` is still the mount path (`/api/v1`); by the time the response is finished an error may have unwound
 * the routers and reset `baseUrl`, so reading both afterwards would label the same route two ways.
 */
export function captureRouteTemplate(req: Request): void {
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: { path?: unknown } | undefined) => {
      route = value;
      const path = templateOf(value?.path);
      if (path !== undefined) capturedRoutes.set(req, toOpenApiTemplate(req.baseUrl + path));
    },
  });
}

/**
 * The declared template of the route that answered (`/api/v1/cost/budgets/{id}`), never the path with its values.
 * A response from mounted middleware (static files under `/dashboard`) is labelled by its literal mount path.
 */
export function routeLabel(req: Request): string {
  const captured = capturedRoutes.get(req);
  if (captured !== undefined) return captured;
  return req.baseUrl ? `${req.baseUrl}/*` : UNMATCHED_ROUTE;
}

function templateOf(path: unknown): string | undefined {
  if (typeof path === 'string') return path;
  if (Array.isArray(path) && typeof path[0] === 'string') return path[0];
  return undefined;
}

/** `/cost/budgets/:id` → `/cost/budgets/{id}`, the form the endpoints are declared and documented in. */
function toOpenApiTemplate(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
