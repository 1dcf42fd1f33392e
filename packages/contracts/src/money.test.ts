import { decimalInputSchema } from './money';
import { largestDecimal, storedColumns } from './stored-columns';

const usd = decimalInputSchema({ precision: 24, scale: 12 }, 'USD');

describe('decimalInputSchema', () => {
  test.each([
    [500, '500'],
    [0.1, '0.1'],
    ['12.50', '12.5'],
    ['0', '0'],
    [1e-7, '0.0000001'],
    [123456789012.5, '123456789012.5'],
    ['999999999999.999999999999', '999999999999.999999999999'],
  ])('when %p is sent, then it reads as "%s"', (input, expected) => {
    expect(usd.parse(input)).toBe(expected);
  });

  test.each([[-1], ['-1'], ['1e5'], ['abc'], [Number.NaN], [Number.POSITIVE_INFINITY], ['0.0000000000001'], ['01.5'], [1e21], ['1000000000000'], [1e12]])(
    'when %p is sent, then it is refused',
    (input) => {
      expect(usd.safeParse(input).success).toBe(false);
    },
  );

  test.each(Object.entries(storedColumns).flatMap(([name, column]) => (column.kind === 'numeric' ? [[name, column] as const] : [])))(
    'when the largest value of %s is sent, then it is accepted, and one more digit on either side is refused',
    (_name, column) => {
      const schema = decimalInputSchema(column, 'USD');
      const largest = largestDecimal(column);
      expect(schema.parse(largest)).toBe(largest);
      expect(schema.safeParse(`9${largest}`).success).toBe(false);
      expect(schema.safeParse(`${largest}9`).success).toBe(false);
    },
  );
});
