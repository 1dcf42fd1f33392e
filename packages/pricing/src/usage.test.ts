import { toTokenUsage } from './usage';

describe('toTokenUsage', () => {
  test('when only tokensUsed is given, then all of it is unsplit', () => {
    expect(toTokenUsage({ tokensUsed: 1840 })).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, unsplitTokens: 1840, totalTokens: 1840 });
  });

  test('when tokensUsed comes with cache tokens only, then the cache part is not counted twice', () => {
    expect(toTokenUsage({ tokensUsed: 1000, cacheReadTokens: 300 })).toMatchObject({ unsplitTokens: 700, cacheReadTokens: 300, totalTokens: 1000 });
  });

  test('when a split is given, then nothing is unsplit and the total is the sum of the meters', () => {
    expect(toTokenUsage({ tokensUsed: 99, inputTokens: 10, outputTokens: 5, cacheWriteTokens: 2 })).toMatchObject({ unsplitTokens: 0, totalTokens: 17 });
  });

  test('when nothing is given, then every count is zero', () => {
    expect(toTokenUsage({}).totalTokens).toBe(0);
  });
});
