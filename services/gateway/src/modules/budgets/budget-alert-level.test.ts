import { alertLevelOf, maxUsd, remainingUsd, sameLevel, utilizationOf } from './budget-alert-level';

describe('alert level', () => {
  test.each([
    ['0', 'ok', null],
    ['249.999999999999', 'ok', null],
    ['250', 'warning', '0.5'],
    ['399.99', 'warning', '0.5'],
    ['400', 'warning', '0.8'],
    ['499.999999999999', 'warning', '0.8'],
    ['500', 'exceeded', null],
    ['812.5', 'exceeded', null],
  ])('when $%s of $500 is spent with warnAt [0.5, 0.8], then the state is %s at %s', (spent, state, threshold) => {
    expect(alertLevelOf(spent, '500', ['0.5', '0.800000'])).toEqual({ state, threshold });
  });

  test('when there are no warn thresholds, then the state goes from ok straight to exceeded', () => {
    expect(alertLevelOf('499', '500', []).state).toBe('ok');
    expect(alertLevelOf('500', '500', []).state).toBe('exceeded');
  });

  test('when thresholds are written differently but are equal, then the levels are the same', () => {
    expect(sameLevel({ state: 'warning', threshold: '0.8' }, { state: 'warning', threshold: '0.800000' })).toBe(true);
    expect(sameLevel({ state: 'warning', threshold: '0.8' }, { state: 'warning', threshold: '0.9' })).toBe(false);
    expect(sameLevel({ state: 'ok', threshold: null }, { state: 'exceeded', threshold: null })).toBe(false);
  });

  test('when spend passes the limit, then remaining is 0 and utilization shows the overrun', () => {
    expect(remainingUsd('600', '500')).toBe('0');
    expect(remainingUsd('0.01104', '500')).toBe('499.98896');
    expect(utilizationOf('600', '500')).toBe(1.2);
    expect(utilizationOf('1', '3')).toBe(0.333333);
  });

  test('when two spend figures are compared, then the larger is kept exactly', () => {
    expect(maxUsd('0.000000000001', '0')).toBe('0.000000000001');
    expect(maxUsd('10', '9.999999999999')).toBe('10');
  });
});
