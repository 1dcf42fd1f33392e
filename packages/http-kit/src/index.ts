export { HttpProblem, validationProblem } from './http-problem';
export { sendProblem, toApiProblem } from './problem-response';
export { notFoundHandler, problemErrorHandler } from './error-middleware';
export { validate, type RequestSchemas, type ValidatedHandler } from './validate';
export { createLogger, flushLogs, requestLogger } from './logger';
export { healthRoutes, type ReadinessCheck } from './health';
export { installGracefulShutdown, type ShutdownOptions } from './graceful-shutdown';
export { jsonBody } from './json-body';
export { rawBody } from './raw-body';
export { serve, runMain, type ServeOptions } from './serve';
export { runWorkerPool, type WorkerPoolOptions, type PoolReadyMessage } from './cluster';
export { nonBlockingOutput } from './non-blocking-output';
export {
  createMetricsRegistry,
  familyOf,
  metricsRoutes,
  metricsTokenSchema,
  parseExposition,
  requestMetrics,
  samplesOf,
  UNMATCHED_ROUTE,
  valueOf,
  type Exposition,
  type MetricsAccess,
  type Sample,
} from './metrics';
