import { z } from './zod';

/**
 * Registry of RFC 9457 problem types. Each error class of either service owns exactly one slug; the `type` URI
 * is stable and documented, clients branch on it rather than on `title` or `detail`.
 */
export const problemTypes = {
  validation: { slug: 'validation-error', title: 'The request is not valid', status: 400 },
  malformedJson: { slug: 'malformed-json', title: 'The request body is not valid JSON', status: 400 },
  undecodableBody: { slug: 'undecodable-body', title: 'The request body does not decode as its Content-Encoding', status: 400 },
  unauthorized: { slug: 'unauthorized', title: 'Authentication is required', status: 401 },
  forbidden: { slug: 'forbidden', title: 'Not allowed', status: 403 },
  missingScope: { slug: 'missing-scope', title: 'The API key lacks a scope this request needs', status: 403 },
  notFound: { slug: 'not-found', title: 'Not found', status: 404 },
  methodNotAllowed: { slug: 'method-not-allowed', title: 'Method not allowed', status: 405 },
  notAcceptable: { slug: 'not-acceptable', title: 'No acceptable representation', status: 406 },
  conflict: { slug: 'conflict', title: 'The request conflicts with the current state', status: 409 },
  idempotencyConflict: {
    slug: 'idempotency-key-reused',
    title: 'The idempotency key was already used with a different request',
    status: 409,
  },
  unstorable: { slug: 'unstorable-request', title: 'The request could not be stored', status: 422 },
  payloadTooLarge: { slug: 'payload-too-large', title: 'The request body is too large', status: 413 },
  unsupportedMediaType: { slug: 'unsupported-media-type', title: 'Unsupported content type', status: 415 },
  rateLimited: { slug: 'rate-limited', title: 'Too many requests for this API key', status: 429 },
  authThrottled: { slug: 'authentication-throttled', title: 'Too many failed authentications from this address', status: 429 },
  tooManyRequests: { slug: 'too-many-requests', title: 'Too many requests in flight; retry later', status: 429 },
  internal: { slug: 'internal-error', title: 'Internal server error', status: 500 },
  serviceUnavailable: { slug: 'service-unavailable', title: 'The service is temporarily unavailable', status: 503 },
} as const;

export type ProblemKind = keyof typeof problemTypes;

export const PROBLEM_TYPE_BASE_URI = 'https://ai-finops.dev/problems/';

export function problemTypeUri(kind: ProblemKind): string {
  return `${PROBLEM_TYPE_BASE_URI}${problemTypes[kind].slug}`;
}

export const InvalidParamSchema = z
  .object({
    name: z.string().openapi({ description: 'Path to the field, e.g. `traces[3].agentId`', example: 'tokensUsed' }),
    reason: z.string(),
    in: z.enum(['body', 'query', 'path', 'header']),
  })
  .openapi('InvalidParam');
export type InvalidParam = z.infer<typeof InvalidParamSchema>;

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: problemTypeUri('validation') }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    invalid_params: z.array(InvalidParamSchema).optional(),
    missing_scopes: z.array(z.string()).optional().openapi({ description: 'With `missing-scope`: the scopes the key would need', example: ['manage'] }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details (`application/problem+json`)' });
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
