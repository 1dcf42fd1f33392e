import type { Request, RequestHandler } from 'express';
import { readBody } from './body/body-reader';
import { HttpProblem } from './http-problem';

/**
 * Reads the body as bytes for routes whose format is not JSON (OTLP's protobuf) or that decode JSON themselves, with
 * the same Content-Encoding decoding and limits as jsonBody. A content type outside `types` is a 415; `req.body`
 * becomes a Buffer (empty when there is no body).
 */
export function rawBody(limitBytes: number, types: readonly string[]): RequestHandler {
  return async (req: Request, _res, next) => {
    if (!req.is([...types])) {
      throw new HttpProblem('unsupportedMediaType', `Send the body as ${types.join(' or ')}`);
    }
    req.body = await readBody(req, limitBytes);
    next();
  };
}
