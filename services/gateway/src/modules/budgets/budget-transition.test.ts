import type { BudgetCapWithState } from './budget';
import { periodContaining } from '../../calendar/calendar-period';
import { decideTransition } from './budget-transition';

const march = periodContaining('monthly', 'UTC', new Date('2026-03-15T00:00:00Z'));
const april = periodContaining('monthly', 'UTC', new Date('2026-04-15T00:00:00Z'));
const midMarch = new Date('2026-03-15T12:00:00Z');
const eventId = () => 'evt-1';

function locked(overrides: Partial<BudgetCapWithState['state']> = {}, limitUsd = '100'): BudgetCapWithState {
  return {
    cap: {
      orgId: 'org', id: 'cap', name: null, dimension: 'costCenter', value: 'finance', limitUsd, periodType: 'monthly',
      timezone: 'UTC', warnAt: ['0.8'], createdAt: new Date('2026-03-01T00:00:00Z'), updatedAt: new Date('2026-03-01T00:00:00Z'),
    },
    state: { period: march, level: { state: 'ok', threshold: null }, spentUsd: '0', since: new Date('2026-03-01T00:00:00Z'), ...overrides },
  };
}

describe('alert state transitions', () => {
  test('when spend crosses the warn threshold, then the state changes once with reason spend', () => {
    const change = decideTransition(locked(), { period: march, spentUsd: '80', at: midMarch }, 'spend', eventId);

    expect(change?.state.level).toEqual({ state: 'warning', threshold: '0.8' });
    expect(change?.event).toMatchObject({ from: { state: 'ok' }, to: { state: 'warning' }, reason: 'spend', spentUsd: '80' });
    expect(change?.state.since).toEqual(midMarch);
  });

  test('when the state already reflects the crossing, then nothing is written (a concurrent evaluation won)', () => {
    const state = { level: { state: 'warning' as const, threshold: '0.8' }, spentUsd: '85' };

    expect(decideTransition(locked(state), { period: march, spentUsd: '80', at: midMarch }, 'spend', eventId)).toBeUndefined();
  });

  test('when an evaluation read spend before a concurrent one that already recorded exceeded, then it does not move the state back', () => {
    const state = { level: { state: 'exceeded' as const, threshold: null }, spentUsd: '120' };

    expect(decideTransition(locked(state), { period: march, spentUsd: '85', at: midMarch }, 'spend', eventId)).toBeUndefined();
  });

  test('when the limit was raised, then the state goes back down with reason cap_changed', () => {
    const state = { level: { state: 'exceeded' as const, threshold: null }, spentUsd: '120' };
    const change = decideTransition(locked(state, '1000'), { period: march, spentUsd: '120', at: midMarch }, 'cap_changed', eventId);

    expect(change?.event).toMatchObject({ from: { state: 'exceeded' }, to: { state: 'ok' }, reason: 'cap_changed' });
  });

  test('when a new period began, then exceeded goes back to ok, dated at the period start', () => {
    const state = { level: { state: 'exceeded' as const, threshold: null }, spentUsd: '120' };
    const change = decideTransition(locked(state), { period: april, spentUsd: '0', at: new Date('2026-04-03T00:00:00Z') }, 'spend', eventId);

    expect(change?.event).toMatchObject({ to: { state: 'ok' }, reason: 'period_rollover', period: april });
    expect(change?.state.since).toEqual(april.start);
  });

  test('when a new period began and the level is unchanged, then only the period moves, without an event', () => {
    const change = decideTransition(locked(), { period: april, spentUsd: '3', at: new Date('2026-04-03T00:00:00Z') }, 'spend', eventId);

    expect(change?.event).toBeUndefined();
    expect(change?.state.period).toEqual(april);
    expect(change?.state.since).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  test('when the stored state is already in a later period, then an older observation changes nothing', () => {
    expect(decideTransition(locked({ period: april }), { period: march, spentUsd: '95', at: midMarch }, 'spend', eventId)).toBeUndefined();
  });

  test('when the cap moves to a time zone whose month starts earlier, then the state follows to that period', () => {
    const state = { level: { state: 'warning' as const, threshold: '0.8' }, spentUsd: '85' };
    const cap = locked(state);
    cap.cap.timezone = 'Asia/Tokyo';
    const tokyoMarch = periodContaining('monthly', 'Asia/Tokyo', midMarch);
    const change = decideTransition(cap, { period: tokyoMarch, spentUsd: '40', at: midMarch }, 'cap_changed', eventId);

    expect(tokyoMarch.start.toISOString()).toBe('2026-02-28T15:00:00.000Z');
    expect(change?.state.period).toEqual(tokyoMarch);
    expect(change?.event).toMatchObject({ from: { state: 'warning' }, to: { state: 'ok' }, reason: 'cap_changed', spentUsd: '40' });
  });
});
