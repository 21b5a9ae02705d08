-- Directory: fast user search and listing, e-mail domains, CSV imports of people.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Lower-cased "first last display e-mail", kept by PostgreSQL itself.
ALTER TABLE "users" ADD COLUMN "search_text" TEXT GENERATED ALWAYS AS (
    lower("first_name" || ' ' || "last_name" || ' ' || coalesce("display_name", '') || ' ' || "email")
) STORED;

CREATE INDEX "users_search_text_trgm_idx" ON "users" USING GIN ("search_text" gin_trgm_ops);
CREATE INDEX "users_organization_id_last_name_first_name_id_idx" ON "users"("organization_id", "last_name", "first_name", "id");
CREATE INDEX "users_organization_id_status_last_name_first_name_id_idx" ON "users"("organization_id", "status", "last_name", "first_name", "id");
CREATE INDEX "users_organization_id_created_at_id_idx" ON "users"("organization_id", "created_at", "id");

CREATE TABLE "domains" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "verification_token" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "last_checked_at" TIMESTAMPTZ(3),
    "last_check_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "domains_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "domains_name_lower_case" CHECK ("name" = lower("name"))
);
CREATE UNIQUE INDEX "domains_organization_id_name_key" ON "domains"("organization_id", "name");
ALTER TABLE "domains" ADD CONSTRAINT "domains_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TYPE "DirectoryImportStatus" AS ENUM ('PREVIEW', 'IMPORTING', 'COMPLETED', 'CANCELLED');

CREATE TABLE "directory_imports" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "created_by_id" UUID,
    "file_name" TEXT NOT NULL,
    "status" "DirectoryImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "total_rows" INTEGER NOT NULL,
    "rows" JSONB NOT NULL,
    "row_errors" JSONB NOT NULL,
    "imported_rows" INTEGER NOT NULL DEFAULT 0,
    "skipped_rows" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "directory_imports_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "directory_imports_organization_id_created_at_idx" ON "directory_imports"("organization_id", "created_at");
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Applications (their provisioning settings arrive with the wizard) and who is assigned to them.
CREATE TYPE "AppState" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'QUARANTINED');

CREATE TABLE "apps" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "catalog_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" "AppState" NOT NULL DEFAULT 'DRAFT',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "apps_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "apps_organization_id_idx" ON "apps"("organization_id");
ALTER TABLE "apps" ADD CONSTRAINT "apps_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "assignments" (
    "app_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "assignments_pkey" PRIMARY KEY ("app_id", "user_id")
);
CREATE INDEX "assignments_user_id_idx" ON "assignments"("user_id");
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
