import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '@finops/contracts';

export type PathRegistrar = (registry: OpenAPIRegistry) => void;

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } });

const retryAfter = { description: 'Seconds until the request may be sent again', schema: { type: 'integer' as const, minimum: 0 } };

/** Error responses every route can give, documented once. */
export const commonProblemResponses: RouteConfig['responses'] = {
  400: problem('Invalid request; `invalid_params` names every invalid field'),
  401: problem('Missing, malformed, unknown or revoked API key'),
  429: {
    ...problem('Too many requests: the key spent its budget for this kind of request, or this client address (or the admin token) failed authentication too often'),
    headers: { 'Retry-After': retryAfter },
  },
  500: problem('Unexpected error (no internals are echoed)'),
};

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) that every API-key response carries. */
export const rateLimitHeaders = {
  'RateLimit-Policy': { description: 'The key budget this endpoint spends: `"<budget>";q=<requests>;w=<window seconds>`', schema: { type: 'string' as const } },
  RateLimit: { description: 'What is left of it: `"<budget>";r=<remaining>;t=<seconds until the window resets>`', schema: { type: 'string' as const } },
};

export function problemResponse(description: string) {
  return problem(description);
}

export const jsonContent = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An org API key (`fok_…`)',
  });
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_TOKEN the gateway was started with',
  });
  return registry;
}
