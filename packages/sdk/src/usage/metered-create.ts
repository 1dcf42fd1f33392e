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
 * `.withResponse()` and friends) is returned as is; usage is read from the same parsed result the caller gets (a
 * result nobody reads is not metered: tapParsedResult), and a
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
    let metered = false;
    const observe = (result: unknown) => {
      if (metered) return;
      metered = true;
      try {
        if (isStream(result)) meterStream(result, metering, prepared.hide);
        else report(metering, metering.fromResult(result), false);
      } catch (error) {
        metering.onError(error);
      }
    };
    tapParsedResult(promise, observe);
    return promise;
  };
  target[METERED] = true;
}

type ParseResponse = (this: unknown, ...args: unknown[]) => Promise<unknown>;
type Transform = (result: unknown, ...rest: unknown[]) => unknown;
type ThenUnwrap = (this: unknown, transform: Transform) => unknown;

/**
 * Both SDKs' promises parse the body through `parseResponse` when awaited or in `withResponse()`, and the helpers
 * (`parse()`, `stream()`) derive theirs through `_thenUnwrap` (in openai a closure that bypasses `parseResponse`), but
 * neither for `asResponse()`, whose caller reads the body: hooking those two meters every parsed result without
 * reading a body someone else will. Other promise-likes are observed through `then`.
 */
function tapParsedResult(promise: PromiseLike<unknown>, observe: (result: unknown) => void): void {
  const target = promise as PromiseLike<unknown> & { parseResponse?: ParseResponse; _thenUnwrap?: ThenUnwrap };
  const { parseResponse, _thenUnwrap: thenUnwrap } = target;
  if (typeof parseResponse !== 'function') {
    // The caller gets a failure through its own promise; a call that failed reported no usage.
    promise.then(observe, () => undefined);
    return;
  }
  target.parseResponse = async function parseAndMeter(...args) {
    const result = await parseResponse.apply(this, args);
    observe(result);
    return result;
  };
  if (typeof thenUnwrap === 'function') {
    target._thenUnwrap = function thenUnwrapAndMeter(transform) {
      return thenUnwrap.call(this, (result, ...rest) => {
        observe(result);
        return transform(result, ...rest);
      });
    };
  }
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
