import express, { type RequestHandler } from 'express';
import { HttpProblem } from './http-problem';

/**
 * JSON body parser with a byte limit. A body sent with another content type is refused (415) rather than
 * silently read as empty.
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is(['application/json', 'application/*+json'])) {
      throw new HttpProblem('unsupportedMediaType', 'Send the body as application/json');
    }
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, strict: true, type: ['application/json', 'application/*+json'] })];
}
