import { limits } from '@finops/contracts';
import type { Request, RequestHandler } from 'express';
import { readBody } from './body/body-reader';
import { unstorableStrings } from './body/json-strings';
import { scanJson } from './body/json-structure';
import { firstInvalidUtf8Offset } from './body/utf8';
import { HttpProblem, validationProblem } from './http-problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
const READ = Symbol('finops.bodyRead');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function hasBody(req: Request): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

function requireJsonUtf8(req: Request): void {
  if (!req.is(JSON_TYPES)) throw new HttpProblem('unsupportedMediaType', 'Send the body as application/json');
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    throw new HttpProblem('unsupportedMediaType', `Send the body in UTF-8 (charset "${charset}" is not supported)`);
  }
}

/** Text of a body that must be UTF-8: bytes that are not (overlong forms and encoded surrogates included) are a 400 naming the field they are in. */
function decodeUtf8(bytes: Buffer, maxDepth: number): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const scan = scanJson(strictUtf8.decode(bytes.subarray(0, Math.max(0, offset))), maxDepth);
    const at = scan.kind === 'endedInString' ? scan : undefined;
    const name = at ? at.path || 'body' : 'body';
    const reason = `is not valid UTF-8 (byte ${offset} of the body${at?.inKey ? ', in a field name' : ''}); send text exactly as UTF-8`;
    throw validationProblem([{ name, reason, in: 'body' }]);
  }
}

function parseJson(text: string, maxDepth: number): unknown {
  const scan = scanJson(text, maxDepth);
  if (scan.kind === 'tooDeep') {
    throw validationProblem([
      { name: scan.path || 'body', reason: `nests objects and arrays deeper than ${maxDepth} levels (the limit)`, in: 'body' },
    ]);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpProblem('malformedJson', `The body could not be parsed as JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object') throw new HttpProblem('malformedJson', 'The body must be a JSON object or array');
  const unstorable = unstorableStrings(body);
  if (unstorable.length > 0) throw validationProblem(unstorable);
  return body;
}

/**
 * JSON body parser. A body sent with another content type or charset is refused (415) rather than read as empty;
 * gzip, deflate and br bodies are decoded (OpenTelemetry exporters send gzip), the byte limit holding for the
 * decoded body too; other codings are a 415, bytes that do not decode a 400. The text must be UTF-8 and every string
 * storable exactly as sent (no lone surrogates, no NUL), and nesting is bounded before anything recursive runs.
 */
export function jsonBody(limitBytes: number, maxDepth: number = limits.jsonMaxDepth): RequestHandler {
  return async (req, _res, next) => {
    const request = req as Request & { [READ]?: true };
    if (request[READ] || !hasBody(req)) return next();
    request[READ] = true;
    requireJsonUtf8(req);
    const bytes = await readBody(req, limitBytes);
    req.body = bytes.length === 0 ? undefined : parseJson(decodeUtf8(bytes, maxDepth), maxDepth);
    next();
  };
}
