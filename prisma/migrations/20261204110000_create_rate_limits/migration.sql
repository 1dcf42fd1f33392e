-- Counters of the gateway's rate limits when RATE_LIMIT_STORE=postgres, shared by every replica. The columns are the
-- ones rate-limiter-flexible's PostgreSQL store reads and writes (it inserts positionally, so no other columns):
-- key = prefix:budget:api key id or client address, points = spent in the window, expire = end of the window in
-- epoch milliseconds. Not tenant data (no org, keyed by key id or address), so no RLS; rows expire and the store
-- deletes them an hour after.
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" ("expire");

GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limits" TO finops_app;
