import { MoneyInputSchema } from './money';

describe('MoneyInputSchema', () => {
  test.each([
    [500, '500'],
    [0.1, '0.1'],
    ['12.50', '12.5'],
    ['0', '0'],
    [1e-7, '0.0000001'],
    [123456789012.5, '123456789012.5'],
  ])('when %p is sent, then it reads as "%s"', (input, expected) => {
    expect(MoneyInputSchema.parse(input)).toBe(expected);
  });

  test.each([[-1], ['-1'], ['1e5'], ['abc'], [Number.NaN], [Number.POSITIVE_INFINITY], ['0.0000000000001'], ['01.5'], [1e21]])(
    'when %p is sent, then it is refused',
    (input) => {
      expect(MoneyInputSchema.safeParse(input).success).toBe(false);
    },
  );
});
