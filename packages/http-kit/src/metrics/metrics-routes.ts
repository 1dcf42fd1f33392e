import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { HttpProblem } from '../http-problem';

export interface MetricsAccess {
  /** When set, a scrape must send `Authorization: Bearer <token>`; unset, only loopback clients are answered. */
  token: string | undefined;
}

/** `GET /metrics` in the Prometheus text format, behind the token or, without one, for loopback clients only. */
export function metricsRoutes(registry: Registry, access: MetricsAccess): Router {
  const router = Router();
  router.get('/metrics', allowScrape(access), async (_req, res) => {
    const text = await registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(registry.contentType).send(text);
  });
  return router;
}

function allowScrape(access: MetricsAccess): RequestHandler {
  const { token } = access;
  if (token === undefined) {
    return (req, _res, next) => {
      if (isLoopback(req.socket.remoteAddress)) next();
      else next(new HttpProblem('forbidden', 'Metrics are served to loopback clients only unless METRICS_TOKEN is set'));
    };
  }
  const expected = digest(`Bearer ${token}`);
  return (req, _res, next) => {
    // Digests have one length whatever was sent, so the comparison takes the same time for every wrong token.
    if (timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) next();
    else next(new HttpProblem('unauthorized', 'Metrics need Authorization: Bearer <METRICS_TOKEN>', undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' }));
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(ipv4) === 4) return ipv4.startsWith('127.');
  return address === '::1';
}
