-- The real-time guard (circuit breaker): policies, per-period spend counters kept by ingest, and reservations.

CREATE TYPE "guard_scope" AS ENUM ('org', 'agent');
CREATE TYPE "guard_period_type" AS ENUM ('daily', 'weekly', 'monthly');
CREATE TYPE "guard_fail_mode" AS ENUM ('closed', 'open');
CREATE TYPE "guard_reservation_status" AS ENUM ('held', 'settled', 'consumed', 'released', 'expired');

-- One policy per org, scope, agent and period type. The org scope stores '' as its agent: unique keys need
-- non-null members (PostgreSQL treats NULLs as distinct).
CREATE TABLE "guard_policies" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT,
    "scope" "guard_scope" NOT NULL,
    "agent_id" TEXT NOT NULL,
    "limit_usd" DECIMAL(30,12) NOT NULL,
    "period_type" "guard_period_type" NOT NULL,
    "fail_mode" "guard_fail_mode" NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "guard_policies_pkey" PRIMARY KEY ("org_id", "id"),
    CONSTRAINT "guard_policies_limit_usd_positive" CHECK ("limit_usd" > 0),
    CONSTRAINT "guard_policies_org_scope_has_no_agent" CHECK (("scope" = 'org') = ("agent_id" = ''))
);
CREATE UNIQUE INDEX "guard_policies_org_id_scope_agent_id_period_type_key"
    ON "guard_policies"("org_id", "scope", "agent_id", "period_type");

-- A policy's spend and open reservations in one calendar period (UTC). Created with the policy or by the first check
-- in a later period from the spend already stored (under the spend-counting lock, see spend-counting-lock.ts), then
-- kept by checks, settles and the deltas ingest leaves (below). agent_id and period_end copy the policy's (fixed)
-- scope so ingest needs no join to policies.
CREATE TABLE "guard_counters" (
    "org_id" UUID NOT NULL,
    "policy_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "agent_id" TEXT NOT NULL,
    "spent_usd" DECIMAL(30,12) NOT NULL,
    "reserved_usd" DECIMAL(30,12) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "guard_counters_pkey" PRIMARY KEY ("org_id", "policy_id", "period_start")
);
-- What ingest looks up per statement: the org's counters whose period has not ended before the traces.
CREATE INDEX "guard_counters_org_id_period_end_idx" ON "guard_counters"("org_id", "period_end");

-- What ingest adds to counters, as rows of their own: an ingest never waits for a counter row's lock (checks hold
-- it) nor makes checks wait for its commit. The next check of the counter (or the sweep) folds them into the counter
-- under its lock. No foreign key: a policy deleted meanwhile must not fail an ingest (the sweep drops orphans).
CREATE TABLE "guard_counter_deltas" (
    "org_id" UUID NOT NULL,
    "policy_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "spent_usd" DECIMAL(30,12) NOT NULL,
    "released_usd" DECIMAL(30,12) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "guard_counter_deltas_pkey" PRIMARY KEY ("org_id", "policy_id", "period_start", "id")
);
-- The sweep's way to pending deltas, oldest first.
CREATE INDEX "guard_counter_deltas_created_at_idx" ON "guard_counter_deltas"("created_at");

-- An allowed check's hold on the counters it was checked against (policy_ids[i] with period_starts[i]).
-- held_usd is what the counters hold for it now: the estimate, then the settled cost, then 0 once a trace consumed it,
-- it was released or it expired.
CREATE TABLE "guard_reservations" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "agent_id" TEXT NOT NULL,
    "estimate_usd" DECIMAL(30,12) NOT NULL,
    "held_usd" DECIMAL(30,12) NOT NULL,
    "settled_usd" DECIMAL(30,12),
    "status" "guard_reservation_status" NOT NULL,
    "policy_ids" UUID[] NOT NULL,
    "period_starts" TIMESTAMPTZ(6)[] NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "trace_id" UUID,
    "ended_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "guard_reservations_pkey" PRIMARY KEY ("org_id", "id"),
    CONSTRAINT "guard_reservations_holds_match" CHECK (cardinality("policy_ids") = cardinality("period_starts"))
);
-- Open holds by expiry: what a check or the sweep releases once the lease is over.
CREATE INDEX "guard_reservations_open_expires_at_idx" ON "guard_reservations"("org_id", "expires_at") WHERE "status" IN ('held', 'settled');
-- Finished reservations by age, for the sweep that deletes them after the retention period.
CREATE INDEX "guard_reservations_ended_at_idx" ON "guard_reservations"("ended_at") WHERE "ended_at" IS NOT NULL;

-- The reservation a trace settled (named by the agent in the ingest request); NULL for traces without a check.
ALTER TABLE "execution_traces" ADD COLUMN "reservation_id" UUID;

ALTER TABLE "guard_policies" ADD CONSTRAINT "guard_policies_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "guard_counters" ADD CONSTRAINT "guard_counters_org_id_policy_id_fkey" FOREIGN KEY ("org_id", "policy_id") REFERENCES "guard_policies"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "guard_reservations" ADD CONSTRAINT "guard_reservations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation as for every tenant table. The sweep (expired holds, pending deltas, old reservations) finds its
-- orgs as the owning role, like the budget rollover sweep, and works on each in a tenant transaction.
GRANT SELECT, INSERT, UPDATE, DELETE ON "guard_policies", "guard_counters", "guard_counter_deltas", "guard_reservations" TO finops_app;

ALTER TABLE "guard_policies" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "guard_counters" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "guard_counter_deltas" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "guard_reservations" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "guard_policies_tenant_isolation" ON "guard_policies" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "guard_counters_tenant_isolation" ON "guard_counters" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "guard_counter_deltas_tenant_isolation" ON "guard_counter_deltas" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
CREATE POLICY "guard_reservations_tenant_isolation" ON "guard_reservations" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
