import type { InvalidParam } from '@finops/contracts';
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { unstorableParams } from './body/url-strings';
import { validationProblem } from './http-problem';

type Location = 'body' | 'query' | 'params';

export interface RequestSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

type Output<S> = S extends z.ZodType ? z.output<S> : unknown;

/** Express handler whose params, body and query are the parsed outputs of the given schemas. */
export type ValidatedHandler<S extends RequestSchemas> = RequestHandler<
  Output<S['params']> & Record<string, string>,
  unknown,
  Output<S['body']>,
  Output<S['query']>
>;

function pathName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((name, segment) => {
    if (typeof segment === 'number') return `${name}[${segment}]`;
    return name ? `${name}.${String(segment)}` : String(segment);
  }, '');
}

function toInvalidParams(error: z.ZodError, location: Location): InvalidParam[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        name: pathName([...issue.path, key]),
        reason: 'is not a known field',
        in: location === 'params' ? 'path' : location,
      }));
    }
    return [
      {
        name: pathName(issue.path) || location,
        reason: issue.message,
        in: location === 'params' ? 'path' : location,
      },
    ];
  });
}

/**
 * Validates every given part of the request and reports every invalid field at once (not only the first), then
 * replaces the raw values with the parsed ones.
 */
export function validate<S extends RequestSchemas>(schemas: S): ValidatedHandler<S> {
  return (req, _res, next) => {
    // Values that cannot be taken as sent are named once, even where a schema refuses them too.
    const invalid: InvalidParam[] = unstorableParams(req, { query: schemas.query !== undefined, params: schemas.params !== undefined });
    const named = new Set(invalid.map((param) => `${param.in}:${param.name}`));
    for (const location of ['params', 'query', 'body'] as const) {
      const schema = schemas[location];
      if (!schema) continue;
      const raw: unknown = location === 'body' ? (req.body ?? {}) : req[location];
      const result = schema.safeParse(raw);
      if (!result.success) {
        invalid.push(...toInvalidParams(result.error, location).filter((param) => !named.has(`${param.in}:${param.name}`)));
        continue;
      }
      // Express 5 computes req.query with a getter; an own property shadows it with the parsed value.
      Object.defineProperty(req, location, { value: result.data, writable: true, enumerable: true, configurable: true });
    }
    if (invalid.length > 0) throw validationProblem(invalid);
    next();
  };
}
