import { DEMO_BUDGETS, DEMO_PROJECTION_HEADROOM, demoBudgetLimitUsd, isMeantToWarn, sizeDemoCap, type DemoBudget } from './demo-budgets';

const engineering = DEMO_BUDGETS.find((budget) => budget.value === 'engineering')!;
const customerSuccess = DEMO_BUDGETS.find((budget) => budget.value === 'customer-success')!;

/** The state the gateway gives a cap (the warn rule of budget-alert-level, thresholds compared at or past). */
function stateOf(spentUsd: string, size: { limitUsd: string; warnAt: number[] }): 'ok' | 'warning' | 'exceeded' {
  const spent = Number(spentUsd);
  const limit = Number(size.limitUsd);
  if (spent >= limit) return 'exceeded';
  return size.warnAt.some((threshold) => spent >= threshold * limit) ? 'warning' : 'ok';
}

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
    expect(DEMO_BUDGETS.filter(isMeantToWarn).map((budget) => budget.value)).toEqual(['engineering']);
  });
});

describe('demo cap sizing against the forecast', () => {
  test('when the month is nearly over (spend close to the projection), then the limit comes from spend and the thresholds stay', () => {
    // 880 / 0.88 = 1000 is above 880 + 1.3 × (900 − 880) = 906: spend decides.
    const size = sizeDemoCap(engineering, '880', '900', DEMO_PROJECTION_HEADROOM);
    expect(size).toEqual({ limitUsd: '1000.00', warnAt: [0.8] });
    expect(stateOf('880', size)).toBe('warning');
  });

  test('when spend alone would put the limit under the projection, then the limit is spend + headroom × the projected rest', () => {
    // 100 + 1.3 × 900 = 1270 and 500 + 1.3 × 500 = 1150, both above spend / 0.64.
    expect(sizeDemoCap(customerSuccess, '100', '1000', 1.3)).toEqual({ limitUsd: '1270.00', warnAt: [0.8] });
    expect(sizeDemoCap(customerSuccess, '500', '1000', 1.3)).toEqual({ limitUsd: '1150.00', warnAt: [0.8] });
    // 900 / 0.64 = 1406.25 is above 900 + 1.3 × 100 = 1030.
    expect(sizeDemoCap(customerSuccess, '900', '1000', 1.3)).toEqual({ limitUsd: '1406.25', warnAt: [0.8] });
  });

  test('when it is early in the month, then the cap meant to warn warns at the share already spent (six decimals, rounded down)', () => {
    // 12.345678 + 1.3 × 987.654322 = 1296.296296…, rounded up to 1296.30; 12.345678 / 1296.30 = 0.0095238…
    const size = sizeDemoCap(engineering, '12.345678', '1000', 1.3);
    expect(size.limitUsd).toBe('1296.30');
    expect(size.warnAt).toEqual([0.009523]);
    expect(stateOf('12.345678', size)).toBe('warning');
  });

  test('when any share of the month has passed, then the warning cap is in warning and the others ok, never past the projection', () => {
    const budgets: DemoBudget[] = [...DEMO_BUDGETS];
    for (let day = 1; day <= 31; day++) {
      for (const monthTotal of ['31.00', '4321.987654321', '250000']) {
        // Spend to date grows with the day; the projection is the month total (within ±20 %, as a forecast would be).
        const spentUsd = ((Number(monthTotal) * (day - 0.5)) / 31).toFixed(6);
        for (const error of [0.8, 1, 1.2]) {
          const projectedUsd = Math.max(Number(spentUsd), Number(monthTotal) * error).toFixed(2);
          for (const budget of budgets) {
            const size = sizeDemoCap(budget, spentUsd, projectedUsd, DEMO_PROJECTION_HEADROOM);
            const rest = Number(projectedUsd) - Number(spentUsd);
            expect(Number(size.limitUsd)).toBeGreaterThanOrEqual(Number(spentUsd) + rest * DEMO_PROJECTION_HEADROOM - 0.005);
            expect(stateOf(spentUsd, size)).toBe(isMeantToWarn(budget) ? 'warning' : 'ok');
          }
        }
      }
    }
  });
});
