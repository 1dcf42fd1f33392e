import { ForecastResponseSchema, type ForecastRequest } from '@finops/contracts';
import pino from 'pino';
import { ForecasterClient, defaultForecasterClientOptions } from '../../src/clients/forecaster-client';
import { closedPortUrl, startFakeForecaster } from '../support/fake-forecaster';
import { startForecasterProcess } from '../support/forecaster-process';

const request: ForecastRequest = {
  series: Array.from({ length: 28 }, (_, i) => ({ date: `2026-10-${String(i + 1).padStart(2, '0')}`, costUsd: 40 + (i % 7) * 3 })),
  periodEnd: '2026-10-31',
  caps: [{ id: 'cap', limitUsd: 1400 }],
};
const logger = pino({ level: 'silent' });
const fastOptions = { ...defaultForecasterClientOptions, attemptTimeoutMs: 200, totalTimeoutMs: 700, breakerHalfOpenAfterMs: 300 };

let real: Awaited<ReturnType<typeof startForecasterProcess>>;
let validAnswer: unknown;

beforeAll(async () => {
  real = await startForecasterProcess();
  const response = await fetch(`${real.url}/forecast/cost`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  validAnswer = await response.json();
});
afterAll(() => real.stop());

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe('ForecasterClient', () => {
  test('when the real forecaster answers, then the answer is returned, validated against the contract', async () => {
    const client = new ForecasterClient({ ...defaultForecasterClientOptions, baseUrl: real.url }, logger);
    const result = await client.forecast(request);

    expect(result.ok).toBe(true);
    if (result.ok) expect(result.forecast).toEqual(ForecastResponseSchema.parse(validAnswer));
  });

  test('when nothing listens, then it fails as unavailable within the total bound', async () => {
    const client = new ForecasterClient({ ...fastOptions, baseUrl: await closedPortUrl() }, logger);
    const { result, ms } = await timed(() => client.forecast(request));

    expect(result).toMatchObject({ ok: false, failure: 'unavailable' });
    expect(ms).toBeLessThan(fastOptions.totalTimeoutMs + 200);
  });

  test('when the forecaster answers after the timeout, then it fails as timeout within the total bound', async () => {
    const fake = await startFakeForecaster({ kind: 'delay', ms: 5_000, body: validAnswer });
    try {
      const client = new ForecasterClient({ ...fastOptions, baseUrl: fake.url }, logger);
      const { result, ms } = await timed(() => client.forecast(request));

      expect(result).toMatchObject({ ok: false, failure: 'timeout' });
      expect(ms).toBeLessThan(fastOptions.totalTimeoutMs + 200);
    } finally {
      await fake.close();
    }
  });

  test('when the forecaster answers 500, then the call is retried a bounded number of times and then fails', async () => {
    const fake = await startFakeForecaster({ kind: 'status', status: 500 });
    try {
      const client = new ForecasterClient({ ...fastOptions, baseUrl: fake.url }, logger);
      const result = await client.forecast(request);

      expect(result).toMatchObject({ ok: false, failure: 'unavailable' });
      expect(fake.requests()).toBe(fastOptions.maxAttempts);
    } finally {
      await fake.close();
    }
  });

  test('when the forecaster answers 400, then it is not retried (our request is wrong)', async () => {
    const fake = await startFakeForecaster({ kind: 'status', status: 400 });
    try {
      const client = new ForecasterClient({ ...fastOptions, baseUrl: fake.url }, logger);

      expect(await client.forecast(request)).toMatchObject({ ok: false, failure: 'rejected' });
      expect(fake.requests()).toBe(1);
    } finally {
      await fake.close();
    }
  });

  test.each([
    ['malformed JSON', { kind: 'garbage' as const }],
    ['JSON that breaks the contract', { kind: 'ok' as const, body: { projectedMonthEndUsd: -5 } }],
  ])('when the forecaster answers %s, then it fails as invalid_response without retrying', async (_name, behaviour) => {
    const fake = await startFakeForecaster(behaviour);
    try {
      const client = new ForecasterClient({ ...fastOptions, baseUrl: fake.url }, logger);
      const result = await client.forecast(request);

      expect(result.ok).toBe(false);
      expect(result.ok === false && ['invalid_response', 'unavailable']).toContain(result.ok === false && result.failure);
      expect(fake.requests()).toBe(1);
    } finally {
      await fake.close();
    }
  });

  test('when failures keep coming, then the circuit opens and calls fail at once without reaching the forecaster', async () => {
    const fake = await startFakeForecaster({ kind: 'status', status: 503 });
    try {
      const client = new ForecasterClient({ ...fastOptions, baseUrl: fake.url, maxAttempts: 1, breakerThreshold: 3 }, logger);
      for (let i = 0; i < 3; i += 1) await client.forecast(request);
      const before = fake.requests();
      const { result, ms } = await timed(() => client.forecast(request));

      expect(result).toMatchObject({ ok: false, failure: 'circuit_open' });
      expect(fake.requests()).toBe(before);
      expect(ms).toBeLessThan(50);
    } finally {
      await fake.close();
    }
  });

  test('when the forecaster recovers, then normal answers resume after the half-open delay', async () => {
    const fake = await startFakeForecaster({ kind: 'status', status: 503 });
    try {
      const client = new ForecasterClient({ ...fastOptions, baseUrl: fake.url, maxAttempts: 1, breakerThreshold: 2 }, logger);
      await client.forecast(request);
      await client.forecast(request);
      expect(await client.forecast(request)).toMatchObject({ ok: false, failure: 'circuit_open' });

      fake.set({ kind: 'ok', body: validAnswer });
      await new Promise((resolve) => setTimeout(resolve, fastOptions.breakerHalfOpenAfterMs + 50));

      expect((await client.forecast(request)).ok).toBe(true);
      expect((await client.forecast(request)).ok).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
