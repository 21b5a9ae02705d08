-- Provisioning settings of an app (the wizard's steps) and its field mapping.

ALTER TABLE "apps"
    ADD COLUMN "base_url" TEXT,
    ADD COLUMN "token_ciphertext" TEXT,
    ADD COLUMN "token_last4" TEXT,
    ADD COLUMN "token_expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "token_updated_at" TIMESTAMPTZ(3),
    ADD COLUMN "authorized_at" TIMESTAMPTZ(3),
    ADD COLUMN "server_capabilities" JSONB,
    ADD COLUMN "mapping_saved_at" TIMESTAMPTZ(3),
    ADD COLUMN "actions_saved_at" TIMESTAMPTZ(3),
    ADD COLUMN "sync_create" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "sync_update" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "sync_delete" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "sync_activation" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "field_mappings" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "source_field" TEXT,
    "hardcoded_value" TEXT,
    CONSTRAINT "field_mappings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "field_mappings_one_source" CHECK (("source_field" IS NULL) <> ("hardcoded_value" IS NULL))
);
CREATE UNIQUE INDEX "field_mappings_app_id_target_key" ON "field_mappings"("app_id", "target");
ALTER TABLE "field_mappings" ADD CONSTRAINT "field_mappings_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
