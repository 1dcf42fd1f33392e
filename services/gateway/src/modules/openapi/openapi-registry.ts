import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '@finops/contracts';

export type PathRegistrar = (registry: OpenAPIRegistry) => void;

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } });

/** Error responses every route can give, documented once. */
export const commonProblemResponses: RouteConfig['responses'] = {
  400: problem('Invalid request; `invalid_params` names every invalid field'),
  401: problem('Missing, malformed, unknown or revoked API key'),
  500: problem('Unexpected error (no internals are echoed)'),
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
