import type { z } from '@finops/contracts';
import { FinOpsApiError, FinOpsContractError, FinOpsNetworkError } from '../errors';
import type { Runtime } from '../runtime';
import { problemFrom } from './problem-body';
import { parseRetryAfter } from './retry-after';

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  requestTimeoutMs: number;
  runtime: Runtime;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface ApiRequest<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  response: S;
  /** Aborts the request (shutdown gives up on it). */
  signal?: AbortSignal;
}

/** One request to /api/v1: JSON in, the contract's schema out, FinOps errors for everything else. */
export class Transport {
  constructor(private readonly options: TransportOptions) {}

  async send<S extends z.ZodType>(request: ApiRequest<S>): Promise<z.output<S>> {
    const { runtime } = this.options;
    const timeout = new AbortController();
    const cancelTimeout = runtime.schedule(this.options.requestTimeoutMs, () => timeout.abort(), true);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    let text: string;
    try {
      response = await runtime.fetch(this.url(request), {
        method: request.method,
        headers: {
          Authorization: `Bearer ${this.options.apiKey}`,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      const why = timeout.signal.aborted ? `no answer within ${this.options.requestTimeoutMs} ms` : 'the request failed';
      throw new FinOpsNetworkError(`${request.method} ${request.path}: ${why}`, { cause: error });
    } finally {
      cancelTimeout();
    }
    if (!response.ok) {
      throw new FinOpsApiError(response.status, problemFrom(response.status, response.statusText, text), parseRetryAfter(response.headers.get('retry-after'), runtime.now()));
    }
    const parsed = request.response.safeParse(parseJson(text));
    if (!parsed.success) throw new FinOpsContractError(`${request.method} ${request.path}: the response does not match the contract: ${parsed.error.message}`);
    return parsed.data;
  }

  private url(request: ApiRequest<z.ZodType>): string {
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, '')}/api/v1${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
    }
    return url.toString();
  }
}

// A body that is not JSON fails the contract like any other wrong shape (a captive portal's 200 page).
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
