import { CreateOrgSchema } from '@finops/contracts';
import { jsonBody, validate } from '@finops/http-kit';
import { Router } from 'express';
import { requireAdminToken } from '../auth/admin-auth.middleware';
import type { AuthFailures } from '../auth/auth-failures';
import { orgsHandlers } from './orgs.handlers';
import type { OrgsService } from './orgs.service';

export function adminOrgsRoutes(service: OrgsService, adminToken: string | undefined, bodyLimitBytes: number, failedTokens: AuthFailures): Router {
  const handlers = orgsHandlers(service);
  const router = Router();
  router.post('/admin/orgs', requireAdminToken(adminToken, failedTokens), jsonBody(bodyLimitBytes), validate({ body: CreateOrgSchema }), handlers.create);
  return router;
}
