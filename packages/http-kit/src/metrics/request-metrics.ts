import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { captureRouteTemplate, routeLabel } from './route-label';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Seconds; from a cached health answer (~1 ms) to a forecast call at its timeout (2.5 s) and beyond. */
const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Rate, errors and duration per route: `http_requests_total` and `http_request_duration_seconds`. */
export function requestMetrics(registry: Registry): RequestHandler {
  const labelNames = ['method', 'route', 'status_class'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status class', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by method, route template and status class',
    labelNames,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  return (req, res, next) => {
    captureRouteTemplate(req);
    const stopTimer = duration.startTimer();
    res.on('finish', () => {
      const labels = {
        method: KNOWN_METHODS.has(req.method) ? req.method : 'OTHER',
        route: routeLabel(req),
        status_class: `${Math.floor(res.statusCode / 100)}xx`,
      };
      requests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}
