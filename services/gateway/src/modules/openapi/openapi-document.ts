import { OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ApiKeyScope } from '@finops/contracts';
import type { Endpoint, EndpointAccess } from '../../http/endpoint';
import { commonProblemResponses, createRegistry, jsonContent, problemResponse, rateLimitHeaders, type PathRegistrar } from './openapi-registry';

export const API_PREFIX = '/api/v1';

const accessNote = (access: EndpointAccess): string =>
  access === 'admin' ? '**Admin token** (`ADMIN_TOKEN`), not an API key.' : `**Scope:** \`${access}\` (an API key without it gets 403 \`missing-scope\`).`;

const missingScope = (scope: ApiKeyScope) => problemResponse(`The API key does not have the \`${scope}\` scope (\`missing-scope\`, naming it in \`missing_scopes\`)`);

/** A success of an API-key endpoint carries the RateLimit fields of the key budget it spent. */
function withRateLimitHeaders(responses: RouteConfig['responses']): RouteConfig['responses'] {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) =>
      status.startsWith('2') && !('$ref' in response) ? [status, { ...response, headers: { ...rateLimitHeaders, ...response.headers } }] : [status, response],
    ),
  );
}

/** The OpenAPI operation of a declared endpoint. */
export function toOpenApiRoute(declared: Endpoint): RouteConfig {
  const { body, query, params } = declared.request ?? {};
  const headers = declared.headers;
  const documentedBody = body ? jsonContent(body) : declared.rawBody;
  const request = { ...(documentedBody ? { body: documentedBody } : {}), ...(query ? { query } : {}), ...(params ? { params } : {}), ...(headers ? { headers } : {}) };
  return {
    method: declared.method,
    path: declared.atServerRoot ? declared.path : `${API_PREFIX}${declared.path}`,
    summary: declared.summary,
    description: [declared.description, accessNote(declared.access)].filter(Boolean).join('\n\n'),
    tags: [declared.tag],
    // OpenAPI 3.1 lets a non-OAuth scheme list the roles an operation needs: here, the key's scope.
    security: declared.access === 'admin' ? [{ adminToken: [] }] : [{ apiKey: [declared.access] }],
    'x-required-scope': declared.access === 'admin' ? undefined : declared.access,
    ...(Object.keys(request).length > 0 ? { request } : {}),
    responses:
      declared.access === 'admin'
        ? { ...commonProblemResponses, ...declared.responses }
        : { ...commonProblemResponses, 403: missingScope(declared.access), ...withRateLimitHeaders(declared.responses) },
  };
}

/**
 * The OpenAPI 3.1 document of the mounted endpoints, generated from the zod schemas that validate the requests;
 * `extras` registers what is not an endpoint of this API (the webhooks it sends).
 */
export function buildOpenApiDocument(endpoints: readonly Endpoint[], extras: readonly PathRegistrar[] = []): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = createRegistry();
  for (const declared of endpoints) registry.registerPath(toOpenApiRoute(declared));
  for (const register of extras) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'AI FinOps gateway',
      version: '0.1.0',
      description:
        'Cost attribution, chargeback reports, budget caps, a real-time spend guard and month-end forecasts for AI ' +
        'agents. Errors are ' +
        'RFC 9457 problem details (`application/problem+json`).',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
  });
}
