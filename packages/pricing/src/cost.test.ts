import fc from 'fast-check';
import { blendedUsdPerMTok, costOf } from './cost';
import { toTokenUsage } from './usage';

const sonnet = { inputUsdPerMTok: '3', outputUsdPerMTok: '15', cacheReadUsdPerMTok: '0.3', cacheWriteUsdPerMTok: '3.75' };

describe('costOf', () => {
  test('when each meter has tokens, then each is charged at its own rate', () => {
    // 1000*3 + 500*15 + 2000*0.3 + 400*3.75 = 12,600 per 1M tokens
    expect(costOf(toTokenUsage({ inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheWriteTokens: 400 }), sonnet)).toBe('0.0126');
  });

  test('when only a total is known, then it is charged at the 3:1 blended rate', () => {
    expect(blendedUsdPerMTok(sonnet)).toBe('6');
    expect(costOf(toTokenUsage({ tokensUsed: 1840 }), sonnet)).toBe('0.01104');
  });

  test('when a model has no cache rates, then cache tokens are charged at the input rate', () => {
    const plain = { inputUsdPerMTok: '2', outputUsdPerMTok: '6', cacheReadUsdPerMTok: null, cacheWriteUsdPerMTok: null };
    expect(costOf(toTokenUsage({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 500_000 }), plain)).toBe('3');
  });

  test('when the exact cost has more than 12 decimals, then it is rounded half-even once', () => {
    // 1 token at $0.0000025 per 1M = 2.5e-12 -> 2e-12 (half to even); 3 tokens = 7.5e-12 -> 8e-12
    const tiny = { inputUsdPerMTok: '0.0000025', outputUsdPerMTok: '0', cacheReadUsdPerMTok: null, cacheWriteUsdPerMTok: null };
    expect(costOf(toTokenUsage({ inputTokens: 1, outputTokens: 0 }), tiny)).toBe('0.000000000002');
    expect(costOf(toTokenUsage({ inputTokens: 3, outputTokens: 0 }), tiny)).toBe('0.000000000008');
  });

  test('when costs are computed, then they equal the integer arithmetic in micro-cents for any token counts', () => {
    // Prices with at most 2 decimals: cost * 1e6 * 100 is an exact integer, computable with BigInt independently.
    const cents = fc.integer({ min: 0, max: 100_000 });
    const tokens = fc.integer({ min: 0, max: 2_000_000_000 });
    fc.assert(
      fc.property(cents, cents, tokens, tokens, (inCents, outCents, inTokens, outTokens) => {
        const prices = { inputUsdPerMTok: (inCents / 100).toFixed(2), outputUsdPerMTok: (outCents / 100).toFixed(2), cacheReadUsdPerMTok: null, cacheWriteUsdPerMTok: null };
        const expectedScaled = BigInt(inCents) * BigInt(inTokens) + BigInt(outCents) * BigInt(outTokens); // USD * 1e8
        const actual = costOf(toTokenUsage({ inputTokens: inTokens, outputTokens: outTokens }), prices);
        const [whole = '0', fraction = ''] = actual.split('.');
        expect(BigInt(whole + fraction.padEnd(12, '0'))).toBe(expectedScaled * 10_000n);
      }),
    );
  });
});

describe('blendedUsdPerMTok', () => {
  test('when the weighted price does not divide evenly, then it keeps the extra decimals exactly', () => {
    // (3 * 0.15 + 0.6) / 4 = 0.2625
    expect(blendedUsdPerMTok({ inputUsdPerMTok: '0.15', outputUsdPerMTok: '0.6', cacheReadUsdPerMTok: null, cacheWriteUsdPerMTok: null })).toBe('0.2625');
    // (3 * 0.000000001 + 0) / 4 = 0.00000000075
    expect(blendedUsdPerMTok({ inputUsdPerMTok: '0.000000001', outputUsdPerMTok: '0', cacheReadUsdPerMTok: null, cacheWriteUsdPerMTok: null })).toBe('0.00000000075');
  });
});
