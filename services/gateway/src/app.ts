import { createMetricsRegistry, healthRoutes, jsonBody, metricsRoutes, notFoundHandler, problemErrorHandler, requestLogger, requestMetrics } from '@finops/http-kit';
import { loadCatalog } from '@finops/pricing';
import express, { Router, type Express } from 'express';
import type { Logger } from 'pino';
import { pingDatabase, type DbPool } from './db/pool';
import type { Prisma } from './db/prisma';
import { endpointRouter } from './http/endpoint-router';
import { ApiKeysRepository } from './modules/api-keys/api-keys.repository';
import { adminApiKeysRoutes, apiKeysRoutes } from './modules/api-keys/api-keys.routes';
import { ApiKeysService } from './modules/api-keys/api-keys.service';
import { accessGuards } from './modules/auth/access-guards';
import { ApiKeyAuthenticator } from './modules/auth/api-key-authenticator';
import { requireApiKey } from './modules/auth/api-key-auth.middleware';
import { createAnomaliesModule } from './modules/anomalies/anomalies.module';
import { DEFAULT_ANOMALY_DETECTION_SETTINGS, type AnomalyDetectionSettings } from './modules/anomalies/anomaly-detection.service';
import { createBudgetsModule } from './modules/budgets/budgets.module';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { createGuardModule, DEFAULT_GUARD_SETTINGS, type GuardSettings } from './modules/guard/guard.module';
import { buildOpenApiDocument } from './modules/openapi/openapi-document';
import { openApiRoutes } from './modules/openapi/openapi.routes';
import { createOtlpModule } from './modules/otlp/otlp.module';
import { OrgsRepository } from './modules/orgs/orgs.repository';
import { adminOrgsRoutes } from './modules/orgs/orgs.routes';
import { OrgsService } from './modules/orgs/orgs.service';
import { PriceBook } from './modules/pricing/price-book';
import { PricingRepository } from './modules/pricing/pricing.repository';
import { pricingRoutes } from './modules/pricing/pricing.routes';
import { PricingService } from './modules/pricing/pricing.service';
import { reportsRoutes } from './modules/reports/reports.routes';
import { ReportsService } from './modules/reports/reports.service';
import { SpendRepository } from './modules/spend/spend.repository';
import { SpendTotals } from './modules/spend/spend-totals';
import { ForecastService } from './modules/forecast/forecast.service';
import { forecastRoutes } from './modules/forecast/forecast.routes';
import { defaultForecasterClientOptions, ForecasterClient, type ForecasterClientOptions } from './clients/forecaster-client';
import { TracesRepository } from './modules/traces/traces.repository';
import { tracesRoutes } from './modules/traces/traces.routes';
import { TracesService } from './modules/traces/traces.service';
import { DEFAULT_WEBHOOK_DELIVERY_SETTINGS, type WebhookDeliverySettings } from './modules/webhooks/webhook-delivery.worker';
import type { ResolveHostname } from './modules/webhooks/webhook-target';
import { registerWebhookCallbacks } from './modules/webhooks/webhooks.openapi';
import { createWebhooksModule } from './modules/webhooks/webhooks.module';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { registerScrapeGauges } from './metrics/scrape-gauges';
import { BudgetGauges } from './modules/budgets/budget-gauges';
import { BudgetGaugesRepository } from './modules/budgets/budget-gauges.repository';
import { WebhookDeliveriesRepository } from './modules/webhooks/webhook-deliveries.repository';
import { createRateLimitsModule } from './modules/rate-limits/rate-limits.module';
import { DEFAULT_RATE_LIMIT_SETTINGS, type RateLimitSettings } from './modules/rate-limits/rate-limit-settings';

export interface GatewaySettings {
  adminToken: string | undefined;
  bodyLimitBytes: number;
  batchBodyLimitBytes: number;
  apiKeyCacheTtlMs: number;
  priceCacheTtlMs: number;
  /** Webhook delivery tuning; unset fields take DEFAULT_WEBHOOK_DELIVERY_SETTINGS. */
  webhookDelivery?: Partial<WebhookDeliverySettings>;
  /** How often ended budget periods are looked for (default 60 s). */
  budgetRolloverSweepMs?: number;
  /** Least time between two ingest-triggered evaluations of one org's budgets (default 1 s). */
  budgetEvaluationIntervalMs?: number;
  /** How often the anomaly job looks for orgs not yet run this hour (default 5 min; each org runs once an hour). */
  anomalyJobIntervalMs?: number;
  /** Anomaly detection tuning; unset fields take DEFAULT_ANOMALY_DETECTION_SETTINGS. */
  anomalyDetection?: Partial<AnomalyDetectionSettings>;
  /** Base URL of the forecaster service. */
  forecasterUrl: string;
  /** Timeouts, retries and circuit breaker of forecaster calls; unset fields take defaultForecasterClientOptions. */
  forecasterClient?: Partial<Omit<ForecasterClientOptions, 'baseUrl'>>;
  /** Breach probability from which a monthly cap's status reads `projected_to_exceed` (default 0.5). */
  forecastAlertProbability?: number;
  /** The dashboard's built files, served at /dashboard/ (unset or not built: a page saying how to build it). */
  dashboardDir?: string;
  /** Guard (circuit breaker) tuning; unset fields take DEFAULT_GUARD_SETTINGS. */
  guard?: Partial<GuardSettings>;
  /** Webhooks to plain http:// and to loopback or private addresses (local development and tests only). */
  allowInsecureWebhookTargets?: boolean;
  /** Per-key budgets and failed-authentication throttling; unset fields take DEFAULT_RATE_LIMIT_SETTINGS. */
  rateLimits?: Partial<RateLimitSettings>;
  /** Spans of OTLP exports being stored at once before further exports get 429 (default 50,000: ~100 exports of 512). */
  otlpMaxSpansInFlight?: number;
  /** How long other replicas may use an org's old OTLP attribute mappings (default: priceCacheTtlMs). */
  otlpMappingCacheTtlMs?: number;
  /** Bearer token a `/metrics` scrape must send; unset, `/metrics` answers loopback clients only. */
  metricsToken?: string;
  /** An `org` label on spend, trace and cap metrics (one series per org: only for a bounded number of orgs). */
  metricsOrgLabels?: boolean;
}

export interface GatewayDeps {
  logger: Logger;
  pool: DbPool;
  /** A pool in pipeline mode for guard checks (createPool(…, { pipeline: true })); the main pool when absent. */
  guardPool?: DbPool;
  prisma: Prisma;
  settings: GatewaySettings;
  isShuttingDown?: () => boolean;
  /** The clock for budget and guard periods, leases, alert events and webhook retries (tests pass a fake one). */
  now?: () => Date;
  /** DNS for webhook targets (tests pass a fake one); the system resolver when absent. */
  resolveHostname?: ResolveHostname;
}

export interface Gateway {
  app: Express;
  /** Finishes writes accepted before shutdown (queued traces and guard checks) and the budget evaluations they triggered. */
  drain(): Promise<void>;
  /** Starts background work: webhook delivery, the budget rollover sweep, anomaly detection and the guard's reservation sweep. */
  start(): void;
  /** Stops background work, waiting for what is in flight (webhook attempts, budget evaluations). */
  stop(): Promise<void>;
}

/** Builds the gateway from injected dependencies; never reads the environment, so tests wire it like main.ts. */
export function createApp(deps: GatewayDeps): Gateway {
  const { logger, pool, prisma, settings } = deps;
  const catalog = loadCatalog();
  const catalogVersion = catalog.version;
  const registry = createMetricsRegistry();
  const metrics = createGatewayMetrics(registry, { knownModels: new Set(catalog.models.map((model) => model.modelId)), orgLabels: settings.metricsOrgLabels ?? false });

  const orgsRepository = new OrgsRepository(prisma);
  const apiKeysRepository = new ApiKeysRepository(prisma);
  const authenticator = new ApiKeyAuthenticator(apiKeysRepository, settings.apiKeyCacheTtlMs, logger);
  const pricingRepository = new PricingRepository(prisma);
  const priceBook = new PriceBook(pricingRepository, settings.priceCacheTtlMs);
  const tracesService = new TracesService(new TracesRepository(pool), priceBook, logger, metrics.batchFlushes('ingest'));
  const now = deps.now ?? (() => new Date());
  const spendRepository = new SpendRepository(pool);
  const budgetGauges = new BudgetGauges(new BudgetGaugesRepository(pool), new SpendTotals(spendRepository), now);
  registerScrapeGauges(registry, { budgets: budgetGauges, deliveries: new WebhookDeliveriesRepository(pool), logger, orgLabels: settings.metricsOrgLabels ?? false });
  const forecaster = new ForecasterClient({ ...defaultForecasterClientOptions, ...settings.forecasterClient, baseUrl: settings.forecasterUrl }, logger, metrics.forecasterCall);
  const forecastService = new ForecastService(spendRepository, new SpendTotals(spendRepository), forecaster, now);
  const webhooks = createWebhooksModule({
    prisma,
    pool,
    logger,
    now,
    delivery: { ...DEFAULT_WEBHOOK_DELIVERY_SETTINGS, ...settings.webhookDelivery },
    targets: { allowInsecureTargets: settings.allowInsecureWebhookTargets ?? false },
    resolveHostname: deps.resolveHostname,
    metrics,
  });
  const budgets = createBudgetsModule({
    prisma,
    pool,
    logger,
    now,
    rolloverSweepIntervalMs: settings.budgetRolloverSweepMs ?? 60_000,
    evaluationIntervalMs: settings.budgetEvaluationIntervalMs ?? 1_000,
    onDeliveriesQueued: () => webhooks.worker.kick(),
    forecasts: forecastService,
    forecastAlertProbability: settings.forecastAlertProbability ?? 0.5,
  });
  tracesService.onTracesStored((orgId) => budgets.spendStored(orgId));
  const anomalies = createAnomaliesModule({
    pool,
    logger,
    now,
    forecaster,
    settings: { ...DEFAULT_ANOMALY_DETECTION_SETTINGS, ...settings.anomalyDetection },
    jobIntervalMs: settings.anomalyJobIntervalMs ?? 300_000,
    onDeliveriesQueued: () => webhooks.worker.kick(),
  });
  tracesService.onTracesStored(metrics.tracesStored);
  const guard = createGuardModule({
    prisma,
    pool,
    guardPool: deps.guardPool ?? pool,
    priceBook,
    logger,
    now,
    settings: { ...DEFAULT_GUARD_SETTINGS, ...settings.guard },
    bodyLimitBytes: settings.bodyLimitBytes,
    metrics,
  });

  const otlp = createOtlpModule({
    prisma,
    traces: tracesService,
    now,
    batchBodyLimitBytes: settings.batchBodyLimitBytes,
    maxSpansInFlight: settings.otlpMaxSpansInFlight ?? 50_000,
    mappingCacheTtlMs: settings.otlpMappingCacheTtlMs ?? settings.priceCacheTtlMs,
  });

  // Mounted in three groups: admin routes before the API-key check, then the two hot paths (ingest, then the guard's
  // check, so neither walks past the other routes; they parse their bodies per route), then everything else.
  const apiKeysService = new ApiKeysService(apiKeysRepository, (id) => authenticator.forgetKey(id));
  const adminEndpoints = [...adminOrgsRoutes(new OrgsService(orgsRepository), settings.bodyLimitBytes), ...adminApiKeysRoutes(apiKeysService, settings.bodyLimitBytes)];
  const hotEndpoints = [...tracesRoutes(tracesService, settings, now), ...guard.routes];
  const keyEndpoints = [
    ...apiKeysRoutes(apiKeysService),
    ...pricingRoutes(new PricingService(pricingRepository, priceBook, now), catalogVersion),
    ...reportsRoutes(new ReportsService(spendRepository, priceBook, orgsRepository, now)),
    ...forecastRoutes(forecastService, budgets.forecastCaps, now),
    ...budgets.routes,
    ...anomalies.routes,
    ...webhooks.routes,
    ...otlp.mappingEndpoints,
  ];
  const limits = createRateLimitsModule({ ...DEFAULT_RATE_LIMIT_SETTINGS, ...settings.rateLimits }, pool, logger);
  const guards = accessGuards(settings.adminToken, limits.failedAdminTokens, limits.keyBudgets);
  const authenticate = requireApiKey(authenticator, limits.failedApiKeys);
  const api = Router();
  api.use(endpointRouter(adminEndpoints, guards));
  api.use(authenticate);
  api.use(endpointRouter(hotEndpoints, guards));
  api.use(jsonBody(settings.bodyLimitBytes));
  api.use(endpointRouter(keyEndpoints, guards));
  const apiDocument = buildOpenApiDocument([...otlp.exportEndpoints, ...adminEndpoints, ...hotEndpoints, ...keyEndpoints], [registerWebhookCallbacks]);

  const app = express();
  app.disable('x-powered-by');
  // API answers change with every trace; hashing each one for an ETag costs CPU on the hot paths and saves nothing.
  app.set('etag', false);
  app.use(requestMetrics(registry));
  app.use(requestLogger(logger));
  app.use(metricsRoutes(registry, { token: settings.metricsToken }));
  app.use(healthRoutes({ database: () => pingDatabase(pool) }, deps.isShuttingDown ?? (() => false)));
  // OTLP's path is fixed by the spec below the server root, so its endpoint authenticates the key on its own route.
  app.use(endpointRouter(otlp.exportEndpoints, (declared) => [authenticate, ...guards(declared)]));
  app.use(openApiRoutes(apiDocument));
  app.use(dashboardRoutes(settings.dashboardDir));
  app.use('/api/v1', api);
  app.use(notFoundHandler);
  app.use(problemErrorHandler);
  return {
    app,
    drain: async () => {
      await guard.drain();
      await tracesService.drain();
      await budgets.drain();
    },
    start: () => {
      webhooks.worker.start();
      budgets.start();
      anomalies.job.start();
      guard.start();
    },
    stop: async () => {
      await guard.stop();
      await budgets.stop();
      await anomalies.job.stop();
      await webhooks.worker.stop();
      await limits.close();
    },
  };
}
