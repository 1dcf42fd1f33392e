export { metricsTokenSchema } from './metrics-config';
export { createMetricsRegistry } from './metrics-registry';
export { requestMetrics } from './request-metrics';
export { metricsRoutes, type MetricsAccess } from './metrics-routes';
export { UNMATCHED_ROUTE } from './route-label';
export { familyOf, parseExposition, samplesOf, valueOf, type Exposition, type Sample } from './exposition-text';
