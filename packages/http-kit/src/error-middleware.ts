import { problemTypes, type ProblemKind } from '@finops/contracts';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem } from './http-problem';
import { sendProblem } from './problem-response';

/**
 * What Express itself throws for a bad request: a path that is not valid percent-encoded UTF-8 (a URIError with
 * status 400), or another http-errors status in the 4xx range.
 */
function fromExpress(error: unknown): HttpProblem | undefined {
  if (error instanceof URIError) return new HttpProblem('validation', 'The path is not valid percent-encoded UTF-8');
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const kind = (Object.keys(problemTypes) as ProblemKind[]).find((each) => problemTypes[each].status === status) ?? 'validation';
  return new HttpProblem(kind);
}

/**
 * The one place errors are answered; 5xx never echo internals. A 4xx is noted at warn here; a 5xx is handed to the
 * request's own completion line (pino-http logs `res.err` at error), so one failed request is one error line.
 */
export const problemErrorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const problem =
    error instanceof HttpProblem
      ? error
      : (fromExpress(error) ?? new HttpProblem('internal', 'An unexpected error occurred'));
  if (problem.status >= 500) res.err = error instanceof Error ? error : new Error(String(error));
  else req.log.warn({ problem: problem.kind, detail: problem.detail }, 'request rejected');
  sendProblem(problem, req, res);
};

export const notFoundHandler: RequestHandler = (req) => {
  throw new HttpProblem('notFound', `No route for ${req.method} ${req.path}`);
};
