import type { RouteConfig, ZodRequestBody } from '@asteasolutions/zod-to-openapi';
import type { RequestSchemas, ValidatedHandler } from '@finops/http-kit';
import type { RequestHandler } from 'express';
import type { ApiKeyScope, z } from '@finops/contracts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call an endpoint: the operator's admin token, or an org's API key holding this scope. */
export type EndpointAccess = 'admin' | ApiKeyScope;

/** The per-key request budget a call spends (see modules/rate-limits): each request spends exactly one. */
export type KeyBudgetName = 'ingest' | 'guard' | 'read';

type RouteParameter = NonNullable<NonNullable<RouteConfig['request']>['query']>;

/** What validate() checks; query and path parameters are objects, which is what OpenAPI can describe. */
interface EndpointRequest extends RequestSchemas {
  query?: RouteParameter;
  params?: RouteParameter;
}

/**
 * One endpoint, declared once: the Express route (see endpointRouter) and its OpenAPI operation (see
 * buildOpenApiDocument) are both derived from it, so the two cannot drift apart.
 */
export interface EndpointDeclaration<S extends EndpointRequest> {
  method: HttpMethod;
  /** Below /api/v1, in OpenAPI form: `/cost/budgets/{id}`; below the server root with `atServerRoot`. */
  path: string;
  /** For paths another spec fixes (OTLP's `/v1/traces`, which exporters append to their endpoint URL). */
  atServerRoot?: boolean;
  summary: string;
  description?: string;
  tag: string;
  access: EndpointAccess;
  /** Key endpoints only; the default is `ingest` for ingest-scoped endpoints and `read` for every other. */
  keyBudget?: KeyBudgetName;
  request?: S;
  /** Request headers, documented only (the handler reads and checks them). */
  headers?: z.ZodObject;
  /**
   * A body that is not one zod-validated JSON document (OTLP's protobuf or JSON, maybe gzipped), documented only:
   * `before` reads it and the handler decodes it.
   */
  rawBody?: ZodRequestBody;
  /** Success and endpoint-specific error responses; the problems every endpoint can give are added. */
  responses: RouteConfig['responses'];
  /** Runs after authentication, before validation: per-route body parsing on the hot paths. */
  before?: RequestHandler[];
  handler: ValidatedHandler<S>;
}

export type Endpoint = EndpointDeclaration<EndpointRequest>;

/** Type-checks the handler against the request schemas, then forgets them so endpoints fit in one list. */
export function endpoint<S extends EndpointRequest>(declaration: EndpointDeclaration<S>): Endpoint {
  return declaration as unknown as Endpoint;
}

/** `/cost/budgets/{id}` → `/cost/budgets/:id`. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}
