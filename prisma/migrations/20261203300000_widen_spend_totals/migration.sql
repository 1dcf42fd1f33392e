-- Sums of trace costs get 26 integer digits. A trace's cost holds up to 10^12 USD (numeric(24,12)), so 10^4 such
-- traces in one hour and group overflowed a rollup row at 28 digits: a valid trace then failed with a database error,
-- and the statement that failed was shared with other orgs' traces. Raising the precision at the same scale rewrites
-- no rows in PostgreSQL.
ALTER TABLE "cost_rollups_hourly" ALTER COLUMN "spend_usd" TYPE DECIMAL(38,12);
ALTER TABLE "cost_rollups_daily" ALTER COLUMN "spend_usd" TYPE DECIMAL(38,12);
ALTER TABLE "budget_alert_states" ALTER COLUMN "spent_usd" TYPE DECIMAL(38,12);
ALTER TABLE "budget_alert_events" ALTER COLUMN "spent_usd" TYPE DECIMAL(38,12);
ALTER TABLE "guard_counters" ALTER COLUMN "spent_usd" TYPE DECIMAL(38,12);
ALTER TABLE "guard_counters" ALTER COLUMN "reserved_usd" TYPE DECIMAL(38,12);
ALTER TABLE "guard_counter_deltas" ALTER COLUMN "spent_usd" TYPE DECIMAL(38,12);
ALTER TABLE "guard_counter_deltas" ALTER COLUMN "released_usd" TYPE DECIMAL(38,12);
