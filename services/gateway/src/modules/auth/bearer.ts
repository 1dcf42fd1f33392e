import type { Request } from 'express';
import { UnauthorizedError } from '../../errors';

/** The token of an `Authorization: Bearer <token>` header, or a 401 naming what is wrong with the header. */
export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw new UnauthorizedError('Send an API key as "Authorization: Bearer <key>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('The Authorization header must have the form "Bearer <key>"');
  return match[1]!;
}
