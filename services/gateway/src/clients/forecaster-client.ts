import {
  AnomalyDetectionResponseSchema,
  ForecastResponseSchema,
  type AnomalyDetectionRequest,
  type AnomalyDetectionResponse,
  type ForecastRequest,
  type ForecastResponse,
  type z,
} from '@finops/contracts';
import axios, { isAxiosError, type AxiosInstance } from 'axios';
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  timeout,
  TaskCancelledError,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { Logger } from 'pino';
import type { ForecasterCallOutcome } from '../metrics/gateway-metrics';

export interface ForecasterClientOptions {
  baseUrl: string;
  /** Bound on one HTTP attempt. */
  attemptTimeoutMs: number;
  /** Bound on the whole call, retries included: the longest a forecast request waits for the forecaster. */
  totalTimeoutMs: number;
  /** Attempts in all (first try + retries), only on network errors, timeouts and 5xx. */
  maxAttempts: number;
  /** Consecutive failures that open the circuit; while open, calls fail at once. */
  breakerThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  breakerHalfOpenAfterMs: number;
}

export const defaultForecasterClientOptions: Omit<ForecasterClientOptions, 'baseUrl'> = {
  attemptTimeoutMs: 1_000,
  totalTimeoutMs: 2_500,
  maxAttempts: 3,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 5_000,
};

export type ForecasterFailure = 'timeout' | 'unavailable' | 'circuit_open' | 'invalid_response' | 'rejected';

type Failed = { ok: false; failure: ForecasterFailure; detail: string };
export type ForecasterResult = { ok: true; forecast: ForecastResponse } | Failed;
export type AnomalyDetectionResult = { ok: true; detection: AnomalyDetectionResponse } | Failed;

/** The forecaster answered, but not with something the contract allows; retrying will not help. */
class InvalidForecastError extends Error {}

function isRejection(error: unknown): boolean {
  return isAxiosError(error) && error.response !== undefined && error.response.status < 500;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof InvalidForecastError) return false;
  if (!isAxiosError(error)) return false;
  // No response: connection refused/reset or attempt timeout. 5xx: the forecaster failed. 4xx: our request is wrong.
  return error.response === undefined || error.response.status >= 500;
}

/**
 * The gateway's only way to the forecaster. Every call is bounded (per attempt and in total), retried with
 * exponential backoff and jitter on network errors and 5xx only, and goes through a circuit breaker, so a dead
 * forecaster costs callers nothing once the circuit is open. Answers are validated against the shared contract.
 * It never throws: failures come back as a reason the caller can show (the forecast endpoint degrades).
 */
export class ForecasterClient {
  private readonly http: AxiosInstance;
  private readonly policy: IPolicy;

  constructor(
    private readonly options: ForecasterClientOptions,
    private readonly logger: Logger,
    private readonly startCall: () => (outcome: ForecasterCallOutcome) => void = () => () => undefined,
  ) {
    this.http = axios.create({ baseURL: options.baseUrl, timeout: options.attemptTimeoutMs, validateStatus: (status) => status < 400 });
    const retryPolicy = retry(handleWhen(isRetryable), {
      maxAttempts: options.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 400 }),
    });
    // Everything but a refusal of our own request (4xx) says the forecaster is unwell, garbage answers included.
    const breaker = circuitBreaker(handleWhen((error) => !isRejection(error)), {
      halfOpenAfter: options.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    });
    this.policy = wrap(timeout(options.totalTimeoutMs, TimeoutStrategy.Aggressive), retryPolicy, breaker);
  }

  async forecast(request: ForecastRequest): Promise<ForecasterResult> {
    const result = await this.post('/forecast/cost', request, ForecastResponseSchema);
    return result.ok ? { ok: true, forecast: result.value } : result;
  }

  async detectAnomalies(request: AnomalyDetectionRequest): Promise<AnomalyDetectionResult> {
    const result = await this.post('/anomalies/detect', request, AnomalyDetectionResponseSchema);
    return result.ok ? { ok: true, detection: result.value } : result;
  }

  private async post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | Failed> {
    const callEnded = this.startCall();
    try {
      const value = await this.policy.execute(async ({ signal }) => {
        const response = await this.http.post(path, body, { signal });
        const parsed = schema.safeParse(response.data);
        if (!parsed.success) throw new InvalidForecastError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
        return parsed.data;
      });
      callEnded('ok');
      return { ok: true, value };
    } catch (error) {
      const failure = classify(error);
      callEnded(failure.failure);
      this.logger.warn({ failure: failure.failure, detail: failure.detail, path }, 'forecaster call failed');
      return failure;
    }
  }
}

function classify(error: unknown): Failed {
  if (error instanceof BrokenCircuitError) return { ok: false, failure: 'circuit_open', detail: 'the forecaster failed repeatedly; calls are paused' };
  if (error instanceof TaskCancelledError) return { ok: false, failure: 'timeout', detail: 'the forecaster did not answer in time' };
  if (error instanceof InvalidForecastError) return { ok: false, failure: 'invalid_response', detail: `the forecaster's answer broke the contract: ${error.message}` };
  if (isAxiosError(error)) {
    if (error.response && error.response.status < 500) return { ok: false, failure: 'rejected', detail: `the forecaster refused the request (${error.response.status})` };
    if (error.response) return { ok: false, failure: 'unavailable', detail: `the forecaster answered ${error.response.status}` };
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return { ok: false, failure: 'timeout', detail: 'the forecaster did not answer in time' };
    return { ok: false, failure: 'unavailable', detail: `the forecaster could not be reached (${error.code ?? 'network error'})` };
  }
  return { ok: false, failure: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
}
