export { HttpProblem, validationProblem } from './http-problem';
export { sendProblem, toApiProblem } from './problem-response';
export { notFoundHandler, problemErrorHandler } from './error-middleware';
export { validate, type RequestSchemas, type ValidatedHandler } from './validate';
export { createLogger, requestLogger } from './logger';
export { healthRoutes, type ReadinessCheck } from './health';
export { installGracefulShutdown, type ShutdownOptions } from './graceful-shutdown';
export { jsonBody } from './json-body';
export { serve, runMain, type ServeOptions } from './serve';
