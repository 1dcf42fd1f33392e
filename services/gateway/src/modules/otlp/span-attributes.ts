import type { AttributeValue, Attributes } from './otlp-spans';

/** Why an attribute present on a span could not be used; the export's partial_success counts these. */
export interface IgnoredAttribute {
  key: string;
  reason: string;
}

const DIGITS = /^\d+$/;

/**
 * A token count as instrumentations really send it: an int, an integral double, or a decimal string (some SDKs
 * stringify everything). Anything else, or a count over `max`, is reported as ignored rather than breaking the span.
 */
export function readCount(attributes: Attributes, key: string, max: number, ignored: IgnoredAttribute[]): number | undefined {
  if (!attributes.has(key)) return undefined;
  const value = attributes.get(key);
  let count: bigint | undefined;
  if (typeof value === 'bigint') count = value;
  else if (typeof value === 'number' && Number.isInteger(value)) count = BigInt(value);
  else if (typeof value === 'string' && DIGITS.test(value.trim())) count = BigInt(value.trim());
  if (count === undefined || count < 0n) {
    ignored.push({ key, reason: 'is not a non-negative integer' });
    return undefined;
  }
  if (count > BigInt(max)) {
    ignored.push({ key, reason: `is over ${max}` });
    return undefined;
  }
  return Number(count);
}

/** The first of `keys` holding a count; a later spelling is read only when the earlier ones are absent. */
export function readFirstCount(attributes: Attributes, keys: readonly string[], max: number, ignored: IgnoredAttribute[]): number | undefined {
  for (const key of keys) {
    const count = readCount(attributes, key, max, ignored);
    if (count !== undefined) return count;
  }
  return undefined;
}

function asText(value: AttributeValue): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A text attribute; numbers and booleans read as their text, arrays and empty strings as absent. */
export function readText(attributes: Attributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const text = asText(attributes.get(key));
    if (text !== undefined) return text;
  }
  return undefined;
}

export function readBoolean(attributes: Attributes, key: string): boolean | undefined {
  const value = attributes.get(key);
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
