-- Daily rollup: spend per org, UTC day, combination of attribution values and pricing source. Ingest keeps it in the
-- same statement as the traces and the hourly rollup, so a one-month report reads days x groups (about 30 x the
-- number of combinations) instead of hours x groups, and a trace is in it as soon as its ingest is acknowledged.
-- The pricing source is part of the key so exports can tell list prices from negotiated (override) and
-- client-provided costs; untagged values are stored as '' to keep the key non-null, as in the hourly rollup.
CREATE TABLE "cost_rollups_daily" (
    "org_id" UUID NOT NULL,
    "day" TIMESTAMPTZ(6) NOT NULL,
    "agent_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "cost_center" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "pricing_source" "pricing_source" NOT NULL,
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
    CONSTRAINT "cost_rollups_daily_pkey" PRIMARY KEY ("org_id", "day", "cost_center", "project", "team", "agent_id", "model_id", "pricing_source"),
    -- Reports trust every row to cover exactly one UTC day.
    CONSTRAINT "cost_rollups_daily_day_is_utc_midnight" CHECK ("day" = date_trunc('day', "day", 'UTC'))
);

-- Traces stored before this migration.
INSERT INTO "cost_rollups_daily" ("org_id", "day", "cost_center", "project", "team", "agent_id", "model_id", "pricing_source",
    "spend_usd", "trace_count", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "unsplit_tokens",
    "unpriced_trace_count", "unpriced_tokens")
SELECT "org_id", date_trunc('day', "occurred_at", 'UTC'), coalesce("cost_center", ''), coalesce("project", ''), coalesce("team", ''),
    "agent_id", "model_id", "pricing_source", sum("cost_usd"), count(*), sum("input_tokens"), sum("output_tokens"),
    sum("cache_read_tokens"), sum("cache_write_tokens"), sum("unsplit_tokens"),
    count(*) FILTER (WHERE "pricing_source" = 'unpriced'),
    coalesce(sum("total_tokens") FILTER (WHERE "pricing_source" = 'unpriced'), 0)
FROM "execution_traces"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

GRANT SELECT, INSERT, UPDATE, DELETE ON "cost_rollups_daily" TO finops_app;
ALTER TABLE "cost_rollups_daily" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "cost_rollups_daily_tenant_isolation" ON "cost_rollups_daily" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
