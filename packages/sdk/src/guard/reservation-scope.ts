import { AsyncLocalStorage } from 'node:async_hooks';

// Model calls made through wrapped clients inside withBudget name its reservation in their traces, so the trace
// settles the hold the gateway keeps, without the step passing the id along by hand.
const scope = new AsyncLocalStorage<string>();

export function inReservation<T>(reservationId: string | undefined, run: () => Promise<T>): Promise<T> {
  return reservationId === undefined ? run() : scope.run(reservationId, run);
}

/** The reservation of the innermost withBudget this code runs in, if any. */
export function currentReservationId(): string | undefined {
  return scope.getStore();
}
