import type { ModelUsage, StreamUsage } from './model-usage';

/** Any SDK method; the wrappers only assume it takes (body, options) and returns a promise-like. */
export type ApiMethod = (...args: never[]) => unknown;

type Create = (this: unknown, body: Record<string, unknown>, options?: unknown) => PromiseLike<unknown>;

export interface Metering {
  /** The body actually sent (the wrapper may ask for usage the caller did not), and whether to hide what it added. */
  prepare(body: Record<string, unknown>): { body: Record<string, unknown>; hide?: (event: unknown) => boolean };
  fromResult(result: unknown): ModelUsage | undefined;
  fromStream(): StreamUsage;
  record(usage: ModelUsage, streamed: boolean): void;
  onError(error: unknown): void;
}

const METERED = Symbol.for('@finops/sdk.metered');

/**
 * Replaces `resource.create` on this instance with one that meters each call. The SDK's own promise (with
 * `.withResponse()` and friends) is returned as is; usage is read from the same parsed result the caller gets, and a
 * stream is metered as the caller reads it, through every way of reading it (iteration, `tee()`, readable streams),
 * because what is patched is the stream's own iterator. Metering never fails the caller's call: its errors go to
 * `onError`.
 */
export function meterCreate(resource: { create: ApiMethod }, metering: Metering): void {
  const target = resource as unknown as { create: Create; [METERED]?: true };
  if (target[METERED]) return;
  const original = target.create;
  target.create = function meteredCreate(body, options) {
    const prepared = metering.prepare(body);
    const promise = original.call(this, prepared.body, options);
    promise.then(
      (result) => {
        try {
          if (isStream(result)) meterStream(result, metering, prepared.hide);
          else report(metering, metering.fromResult(result), false);
        } catch (error) {
          metering.onError(error);
        }
      },
      // The caller gets the failure through its own promise; a call that failed reported no usage.
      () => undefined,
    );
    return promise;
  };
  target[METERED] = true;
}

interface IterableStream {
  iterator?: () => AsyncIterator<unknown>;
  [Symbol.asyncIterator]: () => AsyncIterator<unknown>;
}

function isStream(result: unknown): result is IterableStream {
  return result !== null && typeof result === 'object' && typeof (result as IterableStream)[Symbol.asyncIterator] === 'function';
}

function meterStream(stream: IterableStream, metering: Metering, hide: ((event: unknown) => boolean) | undefined): void {
  // Both SDKs' streams read through `this.iterator()` (tee and toReadableStream included); others through the symbol.
  const key = typeof stream.iterator === 'function' ? 'iterator' : Symbol.asyncIterator;
  const source = (stream[key] as () => AsyncIterator<unknown>).bind(stream);
  const usage = metering.fromStream();
  stream[key] = async function* metered() {
    const events = source();
    try {
      for (let next = await events.next(); !next.done; next = await events.next()) {
        usage.observe(next.value);
        if (!hide?.(next.value)) yield next.value;
      }
    } finally {
      // Also when the caller stops early: tokens the provider reported are billed either way.
      await events.return?.();
      report(metering, usage.usage(), true);
    }
  };
}

function report(metering: Metering, usage: ModelUsage | undefined, streamed: boolean): void {
  if (!usage) return;
  try {
    metering.record(usage, streamed);
  } catch (error) {
    metering.onError(error);
  }
}
