import type { RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

export type Operation = 'forecast' | 'anomalies';

/** Seconds: a 90-day forecast takes a few milliseconds, a large anomaly batch seconds. */
const BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Times each forecast and anomaly detection from arrival to answer, by outcome (ok, invalid request, error). */
export function operationMetrics(registry: Registry): (operation: Operation) => RequestHandler {
  const duration = new Histogram({
    name: 'finops_forecaster_operation_duration_seconds',
    help: 'Forecasts and anomaly detections, by operation and outcome (ok, invalid: a 4xx answer, error: a 5xx answer)',
    labelNames: ['operation', 'outcome'],
    buckets: BUCKETS_SECONDS,
    registers: [registry],
  });
  return (operation) => (_req, res, next) => {
    const stopTimer = duration.startTimer({ operation });
    res.on('finish', () => stopTimer({ outcome: res.statusCode < 400 ? 'ok' : res.statusCode < 500 ? 'invalid' : 'error' }));
    next();
  };
}
