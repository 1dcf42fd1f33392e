import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry of one app's metrics, with the process and event-loop metrics on it. One per app rather than
 * prom-client's global default: tests build many apps in one process, and each must count only its own traffic.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
