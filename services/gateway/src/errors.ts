import { HttpProblem } from '@finops/http-kit';

/** Domain errors thrown by services; each maps to one registered problem type. */
export class NotFoundError extends HttpProblem {
  constructor(what: string) {
    super('notFound', `${what} was not found`);
  }
}

export class ConflictError extends HttpProblem {
  constructor(detail: string) {
    super('conflict', detail);
  }
}

export class IdempotencyConflictError extends HttpProblem {
  constructor(detail: string, invalidParams?: { name: string; reason: string; in: 'body' | 'header' }[]) {
    super('idempotencyConflict', detail, invalidParams);
  }
}

export class InvalidFieldError extends HttpProblem {
  constructor(name: string, reason: string, location: 'body' | 'query' | 'path' | 'header' = 'body') {
    super('validation', `Invalid fields: ${name}`, [{ name, reason, in: location }]);
  }
}

/** The database refused what a request would store (see isDataError); nothing of the request was stored. */
export class UnstorableRequestError extends HttpProblem {
  constructor(what: string, sqlState: string) {
    super(
      'unstorable',
      `${what} could not be stored: the database refused a value in it or a total it adds to (SQLSTATE ${sqlState}); nothing of it was stored`,
    );
  }
}

export class UnauthorizedError extends HttpProblem {
  constructor(detail: string) {
    super('unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ServiceUnavailableError extends HttpProblem {
  /** `cause`: what failed underneath, for the request's log line (never sent to the client). */
  constructor(detail: string, cause?: unknown) {
    super('serviceUnavailable', detail, undefined, { 'Retry-After': '1' });
    if (cause !== undefined) this.cause = cause;
  }
}

/** The API key lacks scopes a request needs (the endpoint's, or those a key it creates would get). */
export class MissingScopeError extends HttpProblem {
  constructor(missing: readonly string[], detail: string) {
    super('missingScope', detail, undefined, undefined, { missing_scopes: [...missing] });
  }
}

/** An API key spent one of its budgets (ingest, guard, reads); the headers say which and when it refills. */
export class RateLimitedError extends HttpProblem {
  constructor(detail: string, headers: Record<string, string>) {
    super('rateLimited', detail, undefined, headers);
  }
}

/** A client address sent too many unknown API keys or wrong admin tokens; it is refused until Retry-After. */
export class AuthThrottledError extends HttpProblem {
  constructor(detail: string, retryAfterSeconds: number) {
    super('authThrottled', detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}
