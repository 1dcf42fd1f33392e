import fc from 'fast-check';
import pg from 'pg';
import { plainArray, textArray } from './pg-array';

describe('PostgreSQL array literals', () => {
  test('when values are plain tokens, then they are joined without quotes and null becomes NULL', () => {
    expect(plainArray(['a1b2', 3, null, '2026-11-29T10:00:00.000Z'])).toBe('{a1b2,3,NULL,2026-11-29T10:00:00.000Z}');
    expect(plainArray([])).toBe('{}');
  });

  test('when text has quotes, backslashes, commas, braces, newlines or unicode, then every element is quoted and escaped', () => {
    expect(textArray(['a"b', 'c\\d', 'e,f{g}', 'line\nbreak', 'NULL', null, 'ünïcødé 🚀'])).toBe(
      '{"a\\"b","c\\\\d","e,f{g}","line\nbreak","NULL",NULL,"ünïcødé 🚀"}',
    );
  });

  // pg's parser for text[] (type 1009) implements PostgreSQL's array grammar independently of this module.
  test('when any text array is parsed back by PostgreSQL’s array grammar, then it round-trips exactly', () => {
    const parse = (literal: string) => (pg.types.getTypeParser(1009 as never, 'text') as (value: string) => (string | null)[])(literal);
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')), { nil: null })), (values) => {
        expect(parse(textArray(values))).toEqual(values);
      }),
    );
  });
});
