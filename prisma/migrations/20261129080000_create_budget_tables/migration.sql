-- Budget caps, their alert state, alert events, webhook subscriptions and the webhook delivery outbox.

CREATE TYPE "budget_dimension" AS ENUM ('costCenter', 'project', 'team', 'agentId', 'modelId', 'org');
CREATE TYPE "budget_period_type" AS ENUM ('daily', 'weekly', 'monthly', 'quarterly');
CREATE TYPE "budget_alert_state" AS ENUM ('ok', 'warning', 'exceeded');
CREATE TYPE "budget_alert_reason" AS ENUM ('spend', 'period_rollover', 'cap_changed');
CREATE TYPE "webhook_delivery_status" AS ENUM ('pending', 'delivered', 'failed');

-- One cap per org, dimension, value and period type. The org dimension stores '' as its value: unique keys need
-- non-null members (PostgreSQL treats NULLs as distinct).
CREATE TABLE "budget_caps" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT,
    "dimension" "budget_dimension" NOT NULL,
    "dimension_value" TEXT NOT NULL,
    "limit_usd" DECIMAL(30,12) NOT NULL,
    "period_type" "budget_period_type" NOT NULL,
    "timezone" TEXT NOT NULL,
    "warn_at" DECIMAL(7,6)[] NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "budget_caps_pkey" PRIMARY KEY ("org_id", "id"),
    CONSTRAINT "budget_caps_limit_usd_positive" CHECK ("limit_usd" > 0),
    CONSTRAINT "budget_caps_org_dimension_has_no_value" CHECK (("dimension" = 'org') = ("dimension_value" = ''))
);
CREATE UNIQUE INDEX "budget_caps_org_id_dimension_dimension_value_period_type_key"
    ON "budget_caps"("org_id", "dimension", "dimension_value", "period_type");

-- A cap's alert state for the period it was last evaluated in; created with the cap. Transitions lock this row, so
-- concurrent evaluations record each change once.
CREATE TABLE "budget_alert_states" (
    "org_id" UUID NOT NULL,
    "budget_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "alert_state" "budget_alert_state" NOT NULL,
    "warn_threshold" DECIMAL(7,6),
    "spent_usd" DECIMAL(28,12) NOT NULL,
    "state_since" TIMESTAMPTZ(6) NOT NULL,
    "evaluated_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "budget_alert_states_pkey" PRIMARY KEY ("org_id", "budget_id")
);
-- Finds caps whose period has ended, so rollovers are noticed without waiting for traffic.
CREATE INDEX "budget_alert_states_period_end_idx" ON "budget_alert_states"("period_end");

-- Kept when the cap is deleted, so the cap's identifying fields are copied in.
CREATE TABLE "budget_alert_events" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "budget_id" UUID NOT NULL,
    "budget_name" TEXT,
    "dimension" "budget_dimension" NOT NULL,
    "dimension_value" TEXT NOT NULL,
    "period_type" "budget_period_type" NOT NULL,
    "timezone" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "from_state" "budget_alert_state" NOT NULL,
    "to_state" "budget_alert_state" NOT NULL,
    "from_threshold" DECIMAL(7,6),
    "to_threshold" DECIMAL(7,6),
    "reason" "budget_alert_reason" NOT NULL,
    "spent_usd" DECIMAL(28,12) NOT NULL,
    "limit_usd" DECIMAL(30,12) NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "budget_alert_events_pkey" PRIMARY KEY ("org_id", "id")
);
CREATE INDEX "budget_alert_events_org_id_occurred_at_idx" ON "budget_alert_events"("org_id", "occurred_at" DESC, "id" DESC);

CREATE TABLE "webhook_subscriptions" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "event_types" TEXT[] NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("org_id", "id")
);

-- The outbox: written in the transaction that records the event; payload holds the exact bytes sent every attempt.
CREATE TABLE "webhook_deliveries" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" "webhook_delivery_status" NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL,
    "last_attempt_at" TIMESTAMPTZ(6),
    "last_response_status" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("org_id", "id")
);
CREATE UNIQUE INDEX "webhook_deliveries_org_id_subscription_id_event_id_key"
    ON "webhook_deliveries"("org_id", "subscription_id", "event_id");
-- What delivery workers claim: pending rows that are due.
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';

ALTER TABLE "budget_caps" ADD CONSTRAINT "budget_caps_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "budget_alert_states" ADD CONSTRAINT "budget_alert_states_org_id_budget_id_fkey" FOREIGN KEY ("org_id", "budget_id") REFERENCES "budget_caps"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "budget_alert_events" ADD CONSTRAINT "budget_alert_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_org_id_subscription_id_fkey" FOREIGN KEY ("org_id", "subscription_id") REFERENCES "webhook_subscriptions"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation as for the core tables. The delivery worker and the rollover sweep work across orgs as the
-- owning role (outside RLS), like the API key lookup; everything a request does runs as finops_app.
GRANT SELECT, INSERT, UPDATE, DELETE ON "budget_caps", "budget_alert_states", "budget_alert_events", "webhook_subscriptions", "webhook_deliveries" TO finops_app;

ALTER TABLE "budget_caps" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "budget_alert_states" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "budget_alert_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_subscriptions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "budget_caps_tenant_isolation" ON "budget_caps" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "budget_alert_states_tenant_isolation" ON "budget_alert_states" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "budget_alert_events_tenant_isolation" ON "budget_alert_events" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "webhook_subscriptions_tenant_isolation" ON "webhook_subscriptions" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "webhook_deliveries_tenant_isolation" ON "webhook_deliveries" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
