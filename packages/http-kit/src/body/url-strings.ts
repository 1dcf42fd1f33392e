import type { InvalidParam } from '@finops/contracts';

import { unstorableReason } from './unstorable-text';

function decoded(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Query parameters and path parameters that cannot be taken exactly as sent. Express decodes the query leniently
 * (invalid percent-encoded UTF-8 becomes U+FFFD), so the raw query string is checked here: a filter value must reach
 * the database as the client wrote it, or be refused.
 */
export function unstorableParams(req: { originalUrl: string; params?: Record<string, unknown> }, check: { query: boolean; params: boolean }): InvalidParam[] {
  const invalid: InvalidParam[] = [];
  const rawQuery = check.query ? (req.originalUrl.split('?')[1] ?? '').split('#')[0]! : '';
  for (const part of rawQuery ? rawQuery.split('&') : []) {
    const [rawName = '', ...rest] = part.split('=');
    const name = decoded(rawName) ?? rawName;
    const value = decoded(rest.join('='));
    if (decoded(rawName) === undefined || value === undefined) invalid.push({ name, reason: 'is not valid percent-encoded UTF-8', in: 'query' });
    else {
      const reason = unstorableReason(name) ?? unstorableReason(value);
      if (reason) invalid.push({ name, reason, in: 'query' });
    }
  }
  if (check.params) {
    for (const [name, value] of Object.entries(req.params ?? {})) {
      const reason = typeof value === 'string' ? unstorableReason(value) : undefined;
      if (reason) invalid.push({ name, reason, in: 'path' });
    }
  }
  return invalid;
}
