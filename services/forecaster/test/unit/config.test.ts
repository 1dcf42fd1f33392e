import { availableParallelism } from 'node:os';
import { loadConfig } from '../../src/config';

describe('forecaster configuration', () => {
  it('when FORECASTER_WORKERS is not set, then there is one worker per available core', () => {
    expect(loadConfig({}).workers).toBe(availableParallelism());
  });

  it('when FORECASTER_WORKERS is set, then that many workers serve (1: this process alone)', () => {
    expect(loadConfig({ FORECASTER_WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ FORECASTER_WORKERS: '6' }).workers).toBe(6);
  });

  it.each(['0', '-2', '1.5', 'many', ''])('when FORECASTER_WORKERS is %p, then start-up fails naming the variable', (value) => {
    expect(() => loadConfig({ FORECASTER_WORKERS: value })).toThrow(/FORECASTER_WORKERS/);
  });

  it('when METRICS_TOKEN is unset or empty, then metrics answer loopback only; a short one is refused by name', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe('m'.repeat(32));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
  });
});
