-- Core tables: orgs, API keys, execution traces with cost attribution, hourly cost rollups, model prices.

CREATE TYPE "pricing_source" AS ENUM ('catalog', 'override', 'provided', 'unpriced');

CREATE TABLE "orgs" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "orgs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "api_keys" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "prefix" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("org_id", "id")
);
CREATE INDEX "api_keys_key_hash_idx" ON "api_keys"("key_hash");

CREATE TABLE "execution_traces" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "agent_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "input" TEXT,
    "output" TEXT,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "cache_read_tokens" INTEGER NOT NULL,
    "cache_write_tokens" INTEGER NOT NULL,
    "unsplit_tokens" INTEGER NOT NULL,
    "total_tokens" INTEGER NOT NULL,
    "cost_usd" DECIMAL(24,12) NOT NULL,
    "pricing_source" "pricing_source" NOT NULL,
    "pricing_version" TEXT,
    "cost_center" TEXT,
    "project" TEXT,
    "team" TEXT,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "idempotency_key" TEXT,
    "request_hash" CHAR(64),
    "metadata" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "execution_traces_pkey" PRIMARY KEY ("org_id", "id")
);
CREATE UNIQUE INDEX "execution_traces_org_id_idempotency_key_key" ON "execution_traces"("org_id", "idempotency_key");
CREATE INDEX "execution_traces_org_id_occurred_at_idx" ON "execution_traces"("org_id", "occurred_at");

CREATE TABLE "cost_rollups_hourly" (
    "org_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(6) NOT NULL,
    "agent_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "cost_center" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "spend_usd" DECIMAL(28,12) NOT NULL,
    "trace_count" BIGINT NOT NULL,
    "input_tokens" BIGINT NOT NULL,
    "output_tokens" BIGINT NOT NULL,
    "cache_read_tokens" BIGINT NOT NULL,
    "cache_write_tokens" BIGINT NOT NULL,
    "unsplit_tokens" BIGINT NOT NULL,
    "unpriced_trace_count" BIGINT NOT NULL,
    "unpriced_tokens" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_rollups_hourly_pkey" PRIMARY KEY ("org_id", "hour", "cost_center", "project", "team", "agent_id", "model_id")
);

CREATE TABLE "model_prices" (
    "org_id" UUID NOT NULL,
    "model_id" TEXT NOT NULL,
    "effective_from" TIMESTAMPTZ(6) NOT NULL,
    "provider" TEXT NOT NULL,
    "input_usd_per_mtok" DECIMAL(18,9) NOT NULL,
    "output_usd_per_mtok" DECIMAL(18,9) NOT NULL,
    "cache_read_usd_per_mtok" DECIMAL(18,9),
    "cache_write_usd_per_mtok" DECIMAL(18,9),
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "model_prices_pkey" PRIMARY KEY ("org_id", "model_id", "effective_from")
);

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "execution_traces" ADD CONSTRAINT "execution_traces_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_prices" ADD CONSTRAINT "model_prices_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The built-in price catalogue is owned by this reserved org.
INSERT INTO "orgs" ("id", "name") VALUES ('00000000-0000-0000-0000-000000000000', 'Built-in price catalogue');

-- Tenant isolation. Request handling switches to the role finops_app (SET LOCAL ROLE) and names its org in the
-- transaction-local setting app.org_id; finops_app has no BYPASSRLS, so a query that forgets its org filter still
-- sees only its own org. The connecting role owns the tables and keeps system work (key lookup, org creation,
-- migrations) outside RLS.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finops_app') THEN
        CREATE ROLE finops_app NOLOGIN NOBYPASSRLS;
    END IF;
    IF NOT pg_has_role(CURRENT_USER, 'finops_app', 'MEMBER') THEN
        EXECUTE format('GRANT finops_app TO %I', CURRENT_USER);
    END IF;
END
$$;

-- NULLIF: after a transaction that set app.org_id ends, the setting reads as '' rather than NULL.
CREATE FUNCTION app_current_org_id() RETURNS UUID
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO finops_app;
GRANT EXECUTE ON FUNCTION app_current_org_id() TO finops_app;
GRANT SELECT ON "orgs" TO finops_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "api_keys", "execution_traces", "cost_rollups_hourly", "model_prices" TO finops_app;

ALTER TABLE "orgs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "execution_traces" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "cost_rollups_hourly" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "model_prices" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "orgs_tenant_isolation" ON "orgs" TO finops_app
    USING ("id" = app_current_org_id());
CREATE POLICY "api_keys_tenant_isolation" ON "api_keys" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "execution_traces_tenant_isolation" ON "execution_traces" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "cost_rollups_hourly_tenant_isolation" ON "cost_rollups_hourly" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
-- Everyone reads the catalogue; an org writes only its own overrides.
CREATE POLICY "model_prices_read" ON "model_prices" FOR SELECT TO finops_app
    USING ("org_id" = app_current_org_id() OR "org_id" = '00000000-0000-0000-0000-000000000000');
CREATE POLICY "model_prices_write" ON "model_prices" FOR ALL TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
