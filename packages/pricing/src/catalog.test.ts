import { loadCatalog, normalizeModelId } from './catalog';
import { sumUsd } from './money';

describe('the built-in catalogue', () => {
  test('when loaded, then it validates and covers the major providers with a source for every price', () => {
    const catalog = loadCatalog();
    expect(new Set(catalog.models.map((model) => model.provider))).toEqual(expect.objectContaining(new Set(['Anthropic', 'OpenAI', 'Google', 'Mistral'])));
    for (const model of catalog.models) expect(model.source).toMatch(/^https:\/\//);
  });

  test('when the product docs’ model is looked up, then it is listed', () => {
    expect(loadCatalog().models.map((model) => model.modelId)).toContain('claude-sonnet-4-6');
  });

  test('when model ids differ in case or spaces, then they normalise to the same id', () => {
    expect(normalizeModelId('  GPT-4o ')).toBe('gpt-4o');
  });
});

describe('sumUsd', () => {
  test('when amounts are added, then the sum is exact (no binary floating point)', () => {
    expect(sumUsd(['0.1', '0.2'])).toBe('0.3');
    expect(sumUsd(Array(1000).fill('0.000000000001'))).toBe('0.000000001');
    expect(sumUsd([])).toBe('0');
  });
});
