import type { Readiness } from '@finops/contracts';
import { Router } from 'express';

export type ReadinessCheck = () => Promise<void>;

/** `/healthz`: the process answers. `/readyz`: every dependency answers (503 otherwise, so load balancers skip it). */
export function healthRoutes(checks: Record<string, ReadinessCheck>, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results: Readiness['checks'] = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        results[name] = await check().then(
          () => 'ok' as const,
          () => 'failing' as const,
        );
      }),
    );
    if (isShuttingDown()) results.shutdown = 'failing';
    const ready = Object.values(results).every((result) => result === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results } satisfies Readiness);
  });
  return router;
}
