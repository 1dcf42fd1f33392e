-- Spend anomalies found by the gateway's detection runs, and the hourly claims that keep replicas from running the
-- same org twice in one hour.

CREATE TYPE "anomaly_direction" AS ENUM ('up', 'down');
CREATE TYPE "anomaly_status" AS ENUM ('open', 'resolved');
CREATE TYPE "anomaly_verdict" AS ENUM ('expected', 'unexpected', 'planned');

-- The scope reuses budget_dimension: 'org' (value '') is the org's total, as for budget caps. Amounts are the
-- forecaster's, rounded to the cent; the drivers are the breakdown of the excess computed when the anomaly last grew.
CREATE TABLE "spend_anomalies" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "dimension" "budget_dimension" NOT NULL,
    "dimension_value" TEXT NOT NULL,
    "start_at" TIMESTAMPTZ(6) NOT NULL,
    "end_at" TIMESTAMPTZ(6) NOT NULL,
    "expected_usd" DECIMAL(38,12) NOT NULL,
    "actual_usd" DECIMAL(38,12) NOT NULL,
    "impact_usd" DECIMAL(38,12) NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "direction" "anomaly_direction" NOT NULL,
    "status" "anomaly_status" NOT NULL,
    "feedback" "anomaly_verdict",
    "drivers" JSONB NOT NULL,
    "detected_at" TIMESTAMPTZ(6) NOT NULL,
    "resolved_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "spend_anomalies_pkey" PRIMARY KEY ("org_id", "id"),
    CONSTRAINT "spend_anomalies_org_dimension_has_no_value" CHECK (("dimension" = 'org') = ("dimension_value" = '')),
    CONSTRAINT "spend_anomalies_end_after_start" CHECK ("end_at" > "start_at")
);
CREATE INDEX "spend_anomalies_org_id_start_at_idx" ON "spend_anomalies"("org_id", "start_at" DESC, "id" DESC);
CREATE INDEX "spend_anomalies_org_id_scope_end_at_idx" ON "spend_anomalies"("org_id", "dimension", "dimension_value", "end_at");

-- One row per org and UTC hour whose scheduled run a replica has claimed; the first insert wins.
CREATE TABLE "anomaly_detection_runs" (
    "org_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "anomaly_detection_runs_pkey" PRIMARY KEY ("org_id", "hour")
);

ALTER TABLE "spend_anomalies" ADD CONSTRAINT "spend_anomalies_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "anomaly_detection_runs" ADD CONSTRAINT "anomaly_detection_runs_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation as for the budget tables. The job finds orgs with recent spend as the owning role (outside RLS),
-- like the rollover sweep; claims and everything done for one org run as finops_app.
GRANT SELECT, INSERT, UPDATE, DELETE ON "spend_anomalies", "anomaly_detection_runs" TO finops_app;

ALTER TABLE "spend_anomalies" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "anomaly_detection_runs" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "spend_anomalies_tenant_isolation" ON "spend_anomalies" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "anomaly_detection_runs_tenant_isolation" ON "anomaly_detection_runs" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
