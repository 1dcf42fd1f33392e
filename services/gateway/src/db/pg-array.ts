/**
 * PostgreSQL array literals built directly, for the ingest hot path: pg's generic serializer escapes every element
 * with two regex passes, which showed up in CPU profiles of batch ingest. Values of `plainArray` must not contain
 * quotes, backslashes, commas, braces or spaces (UUIDs, numbers, ISO timestamps, enum labels); free text goes
 * through `textArray`, which quotes every element.
 */
export function plainArray(values: readonly (string | number | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) literal += ',';
    const value = values[i];
    literal += value === null || value === undefined ? 'NULL' : String(value);
  }
  return `${literal}}`;
}

const NEEDS_ESCAPE = /[\\"]/g;

export function textArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) literal += ',';
    const value = values[i];
    literal += value === null || value === undefined ? 'NULL' : `"${value.replace(NEEDS_ESCAPE, '\\$&')}"`;
  }
  return `${literal}}`;
}
