import { DEMO_BUDGETS, demoBudgetLimitUsd } from './demo-budgets';

describe('demo budget limits', () => {
  test('when spend is 88% of the wanted limit, then the limit is the spend / 0.88 rounded up to the cent', () => {
    expect(demoBudgetLimitUsd('293.82', 88)).toBe('333.89');
    expect(demoBudgetLimitUsd('88', 88)).toBe('100.00');
  });

  test('when spend has 12 decimals, then the limit is computed exactly and never puts spend past the target', () => {
    const spent = '1.000000000001';
    const limit = demoBudgetLimitUsd(spent, 50);
    expect(limit).toBe('2.01');
  });

  test('when there is no spend, then the limit is one cent (a cap must be positive)', () => {
    expect(demoBudgetLimitUsd('0', 88)).toBe('0.01');
  });

  test('when the demo caps are listed, then exactly one is meant to be in warning (at or past its 0.8 threshold)', () => {
    const warning = DEMO_BUDGETS.filter((budget) => budget.targetPercent >= Math.min(...budget.warnAt) * 100);
    expect(warning.map((budget) => budget.value)).toEqual(['engineering']);
  });
});
