import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem } from './http-problem';
import { sendProblem } from './problem-response';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Translates what body-parser throws into the registered problem types. */
function fromBodyParser(error: BodyParserError): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpProblem('malformedJson', `The body could not be parsed as JSON: ${error.message}`);
    case 'entity.too.large':
      return new HttpProblem('payloadTooLarge', `The body is larger than the limit of ${error.limit} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem('unsupportedMediaType', error.message);
    case 'request.aborted':
      return new HttpProblem('validation', 'The request was aborted by the client');
    default:
      return undefined;
  }
}

/** The one place errors are logged and answered: 4xx at warn, 5xx at error; 5xx never echo internals. */
export const problemErrorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const problem =
    error instanceof HttpProblem
      ? error
      : (fromBodyParser(error as BodyParserError) ?? new HttpProblem('internal', 'An unexpected error occurred'));
  if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
  else req.log.warn({ problem: problem.kind, detail: problem.detail }, 'request rejected');
  sendProblem(problem, req, res);
};

export const notFoundHandler: RequestHandler = (req) => {
  throw new HttpProblem('notFound', `No route for ${req.method} ${req.path}`);
};
