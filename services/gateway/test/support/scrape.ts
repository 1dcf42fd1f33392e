import { parseExposition, type Exposition } from '@finops/http-kit';
import type { Express } from 'express';
import request from 'supertest';

/** `GET /metrics` from loopback (no token configured), parsed. */
export async function scrape(app: Express, token?: string): Promise<Exposition> {
  const call = request(app).get('/metrics');
  const response = await (token ? call.set('Authorization', `Bearer ${token}`) : call).expect(200);
  if (!/^text\/plain; version=0\.0\.4/.test(String(response.headers['content-type']))) throw new Error(`not the text format: ${response.headers['content-type']}`);
  return parseExposition(response.text);
}

/** Scrapes until `ready` holds (work finishing off the request path, such as a webhook attempt being recorded). */
export async function scrapeUntil(app: Express, ready: (metrics: Exposition) => boolean, timeoutMs = 10_000): Promise<Exposition> {
  const giveUpAt = performance.now() + timeoutMs;
  for (;;) {
    const metrics = await scrape(app);
    if (ready(metrics) || performance.now() > giveUpAt) return metrics;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
