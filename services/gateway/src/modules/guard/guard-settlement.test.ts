import { settleChange } from './guard-settlement';
import type { StoredReservation } from './guard-reservations.repository';

const now = new Date('2026-12-05T10:00:00Z');
const leaseMs = 300_000;
const reservation = (fields: Partial<StoredReservation> = {}): StoredReservation => ({
  id: 'r1',
  agentId: 'a1',
  status: 'held',
  estimateUsd: '0.5',
  heldUsd: '0.5',
  settledUsd: null,
  traceId: null,
  expiresAt: new Date('2026-12-05T10:03:00Z'),
  createdAt: new Date('2026-12-05T09:58:00Z'),
  holds: [{ policyId: 'p1', periodStart: new Date('2026-12-01T00:00:00Z') }],
  ...fields,
});

describe('settleChange', () => {
  test('when a held reservation is settled without a cost, then it is released and frees exactly what it held', () => {
    expect(settleChange(reservation(), undefined, now, leaseMs)).toEqual({
      status: 'released', heldUsd: '0', settledUsd: '0', expiresAt: reservation().expiresAt, endedAt: now, heldDeltaUsd: '-0.5',
    });
  });

  test('when a held reservation is settled with its actual cost, then the hold becomes that cost for one more lease', () => {
    expect(settleChange(reservation(), '0.125', now, leaseMs)).toEqual({
      status: 'settled', heldUsd: '0.125', settledUsd: '0.125', expiresAt: new Date('2026-12-05T10:05:00Z'), endedAt: null, heldDeltaUsd: '-0.375',
    });
  });

  test('when the actual cost exceeds the estimate, then the hold grows by the difference', () => {
    expect(settleChange(reservation(), '0.75', now, leaseMs)).toMatchObject({ heldUsd: '0.75', heldDeltaUsd: '0.25' });
  });

  test('when the same settle arrives again, then nothing changes', () => {
    expect(settleChange(reservation({ status: 'settled', heldUsd: '0.125', settledUsd: '0.125' }), '0.125', now, leaseMs)).toBeUndefined();
    expect(settleChange(reservation({ status: 'released', heldUsd: '0', settledUsd: '0' }), '0', now, leaseMs)).toBeUndefined();
  });

  test('when a trace already consumed the reservation, then a settle changes nothing', () => {
    expect(settleChange(reservation({ status: 'consumed', heldUsd: '0', traceId: 't1' }), '0.3', now, leaseMs)).toBeUndefined();
  });

  test('when a settled reservation is settled with another amount, then it is refused', () => {
    expect(() => settleChange(reservation({ status: 'settled', heldUsd: '0.125', settledUsd: '0.125' }), '0.2', now, leaseMs)).toThrow(/already settled at 0.125/);
  });

  test('when the lease has ended, then the settle is refused, whether or not the hold was released yet', () => {
    expect(() => settleChange(reservation({ expiresAt: now }), '0.1', now, leaseMs)).toThrow(/expired/);
    expect(() => settleChange(reservation({ status: 'expired', heldUsd: '0' }), undefined, now, leaseMs)).toThrow(/expired/);
  });
});
