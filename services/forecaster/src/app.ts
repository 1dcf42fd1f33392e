import { createMetricsRegistry, healthRoutes, jsonBody, metricsRoutes, notFoundHandler, problemErrorHandler, requestLogger, requestMetrics } from '@finops/http-kit';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { anomalyRoutes } from './routes/anomalies.routes';
import { forecastRoutes } from './routes/forecast.routes';
import { operationMetrics } from './http/operation-metrics';

export interface ForecasterDeps {
  logger: Logger;
  bodyLimitBytes: number;
  isShuttingDown?: () => boolean;
  /** Bearer token a `/metrics` scrape must send; unset, `/metrics` answers loopback clients only. */
  metricsToken?: string;
}

/** Builds the forecaster's Express app from injected dependencies; never reads the environment. */
export function createApp(deps: ForecasterDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Forecasts and anomaly detections are POST answers that nobody revalidates: hashing each one for an ETag would
  // be wasted work.
  app.set('etag', false);
  const registry = createMetricsRegistry();
  app.use(requestMetrics(registry));
  app.use(requestLogger(deps.logger));
  app.use(healthRoutes({}, deps.isShuttingDown ?? (() => false)));
  app.use(metricsRoutes(registry, { token: deps.metricsToken }));
  app.use(jsonBody(deps.bodyLimitBytes));
  const timed = operationMetrics(registry);
  app.use(forecastRoutes(timed('forecast')));
  app.use(anomalyRoutes(timed('anomalies')));
  app.use(notFoundHandler);
  app.use(problemErrorHandler);
  return app;
}
