import { healthRoutes, jsonBody, notFoundHandler, problemErrorHandler, requestLogger } from '@finops/http-kit';
import { loadCatalog } from '@finops/pricing';
import express, { Router, type Express } from 'express';
import type { Logger } from 'pino';
import { pingDatabase, type DbPool } from './db/pool';
import type { Prisma } from './db/prisma';
import { ApiKeysRepository } from './modules/api-keys/api-keys.repository';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes';
import { ApiKeysService } from './modules/api-keys/api-keys.service';
import { ApiKeyAuthenticator } from './modules/auth/api-key-authenticator';
import { requireApiKey } from './modules/auth/api-key-auth.middleware';
import { openApiRoutes } from './modules/openapi/openapi.routes';
import { OrgsRepository } from './modules/orgs/orgs.repository';
import { adminOrgsRoutes } from './modules/orgs/orgs.routes';
import { OrgsService } from './modules/orgs/orgs.service';
import { PriceBook } from './modules/pricing/price-book';
import { PricingRepository } from './modules/pricing/pricing.repository';
import { pricingRoutes } from './modules/pricing/pricing.routes';
import { PricingService } from './modules/pricing/pricing.service';
import { TracesRepository } from './modules/traces/traces.repository';
import { tracesRoutes } from './modules/traces/traces.routes';
import { TracesService } from './modules/traces/traces.service';

export interface GatewaySettings {
  adminToken: string | undefined;
  bodyLimitBytes: number;
  batchBodyLimitBytes: number;
  apiKeyCacheTtlMs: number;
  priceCacheTtlMs: number;
}

export interface GatewayDeps {
  logger: Logger;
  pool: DbPool;
  prisma: Prisma;
  settings: GatewaySettings;
  isShuttingDown?: () => boolean;
}

export interface Gateway {
  app: Express;
  /** Finishes writes accepted before shutdown (queued traces). */
  drain(): Promise<void>;
}

/** Builds the gateway from injected dependencies; never reads the environment, so tests wire it like main.ts. */
export function createApp(deps: GatewayDeps): Gateway {
  const { logger, pool, prisma, settings } = deps;
  const catalogVersion = loadCatalog().version;

  const apiKeysRepository = new ApiKeysRepository(prisma);
  const authenticator = new ApiKeyAuthenticator(apiKeysRepository, settings.apiKeyCacheTtlMs, logger);
  const pricingRepository = new PricingRepository(prisma);
  const priceBook = new PriceBook(pricingRepository, settings.priceCacheTtlMs);
  const tracesService = new TracesService(new TracesRepository(pool), priceBook, logger);

  const api = Router();
  api.use(adminOrgsRoutes(new OrgsService(new OrgsRepository(prisma)), settings.adminToken, settings.bodyLimitBytes));
  api.use(requireApiKey(authenticator));
  api.use(tracesRoutes(tracesService, settings));
  api.use(jsonBody(settings.bodyLimitBytes));
  api.use(apiKeysRoutes(new ApiKeysService(apiKeysRepository, authenticator)));
  api.use(pricingRoutes(new PricingService(pricingRepository, priceBook), catalogVersion));

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(healthRoutes({ database: () => pingDatabase(pool) }, deps.isShuttingDown ?? (() => false)));
  app.use(openApiRoutes());
  app.use('/api/v1', api);
  app.use(notFoundHandler);
  app.use(problemErrorHandler);
  return { app, drain: () => tracesService.drain() };
}
