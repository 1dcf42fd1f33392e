import type { WebhookEventType } from '@finops/contracts';
import type { Prisma } from '../../db/prisma';
import { inTenantPrisma } from '../../db/prisma';
import type { WebhookSubscription } from './webhook';
import { secretDisplayPrefix } from './webhook-secret';

interface WebhookSubscriptionRow {
  orgId: string;
  id: string;
  url: string;
  secret: string;
  eventTypes: string[];
  description: string | null;
  createdAt: Date;
}

function fromDbWebhookSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    orgId: row.orgId,
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes as WebhookEventType[],
    description: row.description,
    secretPrefix: secretDisplayPrefix(row.secret),
    createdAt: row.createdAt,
  };
}

export interface NewWebhookSubscription {
  id: string;
  url: string;
  secret: string;
  eventTypes: WebhookEventType[];
  description: string | null;
}

export class WebhooksRepository {
  constructor(private readonly prisma: Prisma) {}

  async create(orgId: string, subscription: NewWebhookSubscription): Promise<WebhookSubscription> {
    const row = await inTenantPrisma(this.prisma, orgId, (tx) => tx.webhookSubscription.create({ data: { orgId, ...subscription } }));
    return fromDbWebhookSubscription(row);
  }

  async list(orgId: string): Promise<WebhookSubscription[]> {
    const rows = await inTenantPrisma(this.prisma, orgId, (tx) =>
      tx.webhookSubscription.findMany({ where: { orgId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    );
    return rows.map(fromDbWebhookSubscription);
  }

  /** Deletes the subscription and its deliveries (pending ones are never sent); false when the org has no such subscription. */
  async delete(orgId: string, id: string): Promise<boolean> {
    const { count } = await inTenantPrisma(this.prisma, orgId, (tx) => tx.webhookSubscription.deleteMany({ where: { orgId, id } }));
    return count > 0;
  }
}
