-- Least privilege for keys: each key carries the scopes it may use (ingest, read, manage).
CREATE TYPE "api_key_scope" AS ENUM ('ingest', 'read', 'manage');

-- Keys made before scopes existed could do everything; they keep that. New keys always name their scopes, so the
-- default only fills the existing rows.
ALTER TABLE "api_keys" ADD COLUMN "scopes" "api_key_scope"[] NOT NULL DEFAULT ARRAY['ingest', 'read', 'manage']::"api_key_scope"[];
ALTER TABLE "api_keys" ALTER COLUMN "scopes" DROP DEFAULT;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_not_empty" CHECK (cardinality("scopes") >= 1);
