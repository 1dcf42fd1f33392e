import type { InvalidParam } from '@finops/contracts';

import { unstorableReason } from './unstorable-text';

const MOST_REPORTED = 50;

/**
 * Every string and key of a parsed body that could not be stored exactly as sent, named by path. Iterative, so it
 * never runs out of stack (depth is bounded before parsing anyway).
 */
export function unstorableStrings(body: unknown): InvalidParam[] {
  const invalid: InvalidParam[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  while (pending.length > 0 && invalid.length < MOST_REPORTED) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableReason(value);
      if (reason) invalid.push({ name: path || 'body', reason, in: 'body' });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) pending.push({ value: value[index], path: `${path}[${index}]` });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k -= 1) {
        const key = keys[k]!;
        const child = path ? `${path}.${key}` : key;
        const reason = unstorableReason(key);
        if (reason) invalid.push({ name: JSON.stringify(child).slice(1, -1), reason: `as a field name, ${reason}`, in: 'body' });
        else pending.push({ value: (value as Record<string, unknown>)[key], path: child });
      }
    }
  }
  return invalid;
}
