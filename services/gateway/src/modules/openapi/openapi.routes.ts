import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { buildOpenApiDocument } from './openapi-document';

/** `/api/v1/openapi.json` and a browsable page at `/docs` (assets served locally, no CDN). */
export function openApiRoutes(document: ReturnType<typeof buildOpenApiDocument>): Router {
  const router = Router();
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/api/v1/openapi.json' } }));
  return router;
}
