import type { Endpoint } from '../../http/endpoint';
import type { Logger } from 'pino';
import type { DbPool } from '../../db/pool';
import type { Prisma } from '../../db/prisma';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryWorker, type WebhookDeliverySettings } from './webhook-delivery.worker';
import { WebhookSender } from './webhook-sender';
import { WebhookTargets, type ResolveHostname, type WebhookTargetPolicy } from './webhook-target';
import { WebhooksRepository } from './webhooks.repository';
import { webhooksRoutes } from './webhooks.routes';
import { WebhooksService } from './webhooks.service';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';

export interface WebhooksModuleDeps {
  prisma: Prisma;
  pool: DbPool;
  logger: Logger;
  now: () => Date;
  delivery: WebhookDeliverySettings;
  targets: WebhookTargetPolicy;
  /** DNS for webhook targets; the system resolver by default (tests pass their own). */
  resolveHostname?: ResolveHostname;
  metrics: Pick<GatewayMetrics, 'webhookAttempted'>;
}

export interface WebhooksModule {
  routes: Endpoint[];
  worker: WebhookDeliveryWorker;
}

/** Webhook subscriptions and the delivery worker, wired from the gateway's shared dependencies. */
export function createWebhooksModule(deps: WebhooksModuleDeps): WebhooksModule {
  const targets = new WebhookTargets(deps.targets, deps.resolveHostname);
  const worker = new WebhookDeliveryWorker(
    new WebhookDeliveriesRepository(deps.pool),
    new WebhookSender(deps.delivery.timeoutMs, deps.now, targets),
    deps.delivery,
    deps.now,
    deps.logger,
    Math.random,
    deps.metrics.webhookAttempted,
  );
  return { routes: webhooksRoutes(new WebhooksService(new WebhooksRepository(deps.prisma), targets)), worker };
}
