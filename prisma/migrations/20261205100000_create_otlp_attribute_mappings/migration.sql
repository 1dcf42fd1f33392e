-- Per org: which span or resource attribute it already sends fills a dimension of the traces OTLP spans become
-- (service.name as the project, say), so agents need no finops.* attributes and no custom code.
CREATE TYPE "otlp_mapped_dimension" AS ENUM ('costCenter', 'project', 'team', 'agentId');

-- One attribute per dimension. Attribute keys have no length limit in OpenTelemetry; 255 is what the API accepts.
CREATE TABLE "otlp_attribute_mappings" (
    "org_id" UUID NOT NULL,
    "dimension" "otlp_mapped_dimension" NOT NULL,
    "attribute_key" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "otlp_attribute_mappings_pkey" PRIMARY KEY ("org_id", "dimension"),
    CONSTRAINT "otlp_attribute_mappings_attribute_key_not_empty" CHECK ("attribute_key" <> '')
);
ALTER TABLE "otlp_attribute_mappings" ADD CONSTRAINT "otlp_attribute_mappings_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

GRANT SELECT, INSERT, UPDATE, DELETE ON "otlp_attribute_mappings" TO finops_app;
ALTER TABLE "otlp_attribute_mappings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "otlp_attribute_mappings_tenant_isolation" ON "otlp_attribute_mappings" TO finops_app
    USING ("org_id" = app_current_org_id()) WITH CHECK ("org_id" = app_current_org_id());
